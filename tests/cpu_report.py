"""Opt-in pytest plugin: the CPU time (user + system of the test process) spent in each test's
setup, call and teardown, appended to the file named by ESPACES_CPU_REPORT (one line per phase:
node id, phase, CPU seconds, wall seconds). Measures the suite on a shared machine, where wall
time depends on the neighbours (docs/tests.md; `python -m tests.cpu_report FILE` sums per file).

    ESPACES_CPU_REPORT=var/cpu.tsv make test-fast"""

import os
import sys
import time
from collections import defaultdict

import pytest

REPORT = os.environ.get("ESPACES_CPU_REPORT")


def _cpu() -> float:
    times = os.times()
    return times.user + times.system


if REPORT:

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(item, nextitem):
        item._cpu_phases = []
        yield
        with open(REPORT, "a", encoding="utf-8") as out:
            for phase, cpu, wall in item._cpu_phases:
                out.write(f"{item.nodeid}\t{phase}\t{cpu:.3f}\t{wall:.3f}\n")

    def _phase(name):
        @pytest.hookimpl(hookwrapper=True)
        def hook(item, *args, **kwargs):
            cpu, wall = _cpu(), time.perf_counter()
            yield
            if hasattr(item, "_cpu_phases"):
                item._cpu_phases.append((name, _cpu() - cpu, time.perf_counter() - wall))

        return hook

    pytest_runtest_setup = _phase("setup")
    pytest_runtest_call = _phase("call")
    pytest_runtest_teardown = _phase("teardown")


def summarise(path: str, top: int = 40) -> str:
    """CPU seconds per test file (and the slowest tests), from a report file."""
    per_file: dict[str, float] = defaultdict(float)
    per_test: dict[str, float] = defaultdict(float)
    total = 0.0
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            nodeid, _phase_name, cpu, _wall = line.rstrip("\n").split("\t")
            per_file[nodeid.split("::")[0]] += float(cpu)
            per_test[nodeid] += float(cpu)
            total += float(cpu)
    rows = [f"total CPU in tests: {total:.1f} s, {len(per_test)} tests, {len(per_file)} files"]
    rows += [f"{cpu:8.1f}  {name}" for name, cpu in sorted(per_file.items(), key=lambda r: -r[1])]
    rows.append(f"-- {top} slowest tests")
    rows += [
        f"{cpu:8.1f}  {name}" for name, cpu in sorted(per_test.items(), key=lambda r: -r[1])[:top]
    ]
    return "\n".join(rows)


if __name__ == "__main__":
    print(summarise(sys.argv[1], *(int(a) for a in sys.argv[2:3])))
