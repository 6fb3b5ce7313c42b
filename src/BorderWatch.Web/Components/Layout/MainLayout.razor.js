// Theme preference per browser: "dark", "light", or nothing (follow the system).
const key = "borderwatch.theme";

export function getTheme() {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function setTheme(value) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}

// No saved choice: follow the operating system's preference.
export function prefersDark() {
  return window.matchMedia("(prefers-color-scheme: dark)").matches;
}
