"""A stand-in for `python -m scenes render` in the farm's tests: SCENE --quality Q --output PATH.

What it does per scene comes from $FAKE_PLAN (JSON {scene: behaviour}; default "ok"):
ok (write captions, then the clip), slow (the same after $FAKE_SECONDS), fail (exit 3 with a log),
fail-once (fail on the first attempt only), hang (never finish).  Each run leaves a line in
$FAKE_LOG (scene, pid, parent pid) so tests can find and count them.  Like the real render, it dies with
the farm worker that started it.
"""

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from scenes.lifeline import exit_with_parent  # noqa: E402

scene, output = sys.argv[1], Path(sys.argv[sys.argv.index("--output") + 1])
behaviour = json.loads(os.environ.get("FAKE_PLAN", "{}")).get(scene, "ok")
exit_with_parent()
log = Path(os.environ["FAKE_LOG"])
with open(log, "a") as file:
    file.write(f"{scene} {os.getpid()} {os.getppid()}\n")
attempts = sum(1 for line in log.read_text().splitlines() if line.split()[0] == scene)
if behaviour == "fail" or (behaviour == "fail-once" and attempts == 1):
    print(f"rendering {scene}\nbeat 2: LaTeX said something odd\nfake failure of {scene}", flush=True)
    sys.exit(3)
if behaviour == "hang":
    while True:
        time.sleep(1)
if behaviour == "slow":
    time.sleep(float(os.environ.get("FAKE_SECONDS", "4")))
output.with_suffix(".srt").write_text(f"1\n00:00:00,000 --> 00:00:01,000\n{scene}\n")
output.write_bytes(f"complete clip of {scene}\n".encode() * 1000)
