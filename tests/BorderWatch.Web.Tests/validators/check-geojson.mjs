// Validates a GeoJSON file with @placemarkio/check-geojson (RFC 7946). Prints the issues as JSON and exits 1 when
// there are any, 0 when the file is valid. Usage: node check-geojson.mjs FILE
import { readFileSync } from 'node:fs';
import { getIssues } from '@placemarkio/check-geojson';

const file = process.argv[2];
if (!file) {
  console.error('usage: node check-geojson.mjs FILE');
  process.exit(2);
}

const issues = getIssues(readFileSync(file, 'utf8'));
console.log(JSON.stringify(issues));
process.exit(issues.length === 0 ? 0 : 1);
