#!/usr/bin/env bash
# Starts BorderWatch on http://127.0.0.1:5080 with an embedded SQLite database (created and migrated on start,
# filled with the September 2022 demo replay) and the live demo simulator.
#
#   ./run.sh                   # Demo__Simulate=false ./run.sh to start without the simulator
#
# It installs what it needs on the way: the system libraries of the OpenCV engine when run as root (otherwise it
# says what to install) and the front-end packages through the build.
set -euo pipefail
cd "$(dirname "$0")"

scripts/ensure-system-packages.sh --optional libgtk-3-0 opencv-data

export Demo__Simulate="${Demo__Simulate:-true}"
exec dotnet run --project src/BorderWatch.Web -c Release --launch-profile BorderWatch "$@"
