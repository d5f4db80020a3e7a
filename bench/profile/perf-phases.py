#!/usr/bin/env python3
"""Reads `perf script` output (stdin); prints per-phase CPU share and top methods (inclusive/exclusive)."""
import re, sys, collections
PHASES = [  # checked from the leaf upwards; the first frame that matches names the phase
    ("writer: submit (CreateJobOperation)", r"CreateJobOperation::Execute"),
    ("writer: submit batch (CreateJobsOperation)", r"CreateJobsOperation::Execute"),
    ("writer: claim (ClaimJobsOperation)", r"ClaimJobsOperation::Execute"),
    ("writer: finish (FinishJobOperation)", r"FinishJob(s)?Operation::Execute"),
    ("writer: event rows (FlushEvents)", r"WriteContext::FlushEvents"),
    ("writer: publish to bus", r"SqliteWriter::Publish"),
    ("writer: BEGIN/COMMIT, completions", r"SqliteWriter::(ProcessBatch|TryRunBatch|Execute)|SqliteWriter\+<RunAsync>"),
    ("caller: submit (JobService.SubmitAsync, bench)", r"JobService(\+<SubmitAsync>|::SubmitAsync|.*SubmitMany)|QuellHarness"),
    ("caller: claim (JobWorker dispatch)", r"JobWorker"),
    ("caller: run + finish (JobExecutor)", r"JobExecutor|JobContext|ActiveJobs|NoopJob|JobTypeRegistration"),
    ("progress pump", r"ProgressPump"),
    ("store write enqueue (channel)", r"SqliteWriter::EnqueueAsync|Channel"),
    ("SQLite engine, native (caller not unwound: the writer)", r"libe_sqlite3"),
    ("WAL file I/O, kernel (pwrite/fsync/pread: the writer)", r"__libc_pwrite|fsync|__libc_pread|sys_pwrite|sys_pread"),
    ("JIT", r"libclrjit"),
    ("thread pool: wait/spin", r"LowLevelLifoSemaphore|LowLevelSpinWaiter|PortableThreadPool|__sched_yield"),
    ("thread wake-ups, futex, scheduler (kernel)", r"futex|finish_task_switch|schedule|try_to_wake_up"),
    ("runtime native (GC, allocation, stubs; unresolved libcoreclr)", r"libcoreclr"),
    ("malloc/free (libc, callers not unwound)", r"malloc|_int_free|cfree|libc\.so"),
]
frame_re = re.compile(r"^\s+[0-9a-f]+\s+(.*?)\s+\((.*)\)\s*$")
def norm(sym, dso):
    if sym.startswith("[unknown]") or re.match(r"^0x?[0-9a-f]+$", sym) or sym == "":
        return "[" + dso.split("/")[-1] + "]"
    sym = re.sub(r"\[(OptimizedTier1|Optimized|InstrumentedTier|InstrumentedTierOptimized|QuickJitted|Tier0|Tier1|PreJIT|OptimizedTier1OSR|Tier-0|Tier-1|MinOptJitted)\]$", "", sym)
    m = re.match(r"^(?:instance )?(?:\S+ )?(?:\[[^\]]+\] )?(.*?)\(", sym)
    if m: sym = m.group(1)
    sym = re.sub(r"`\d+\[[^\]]*\]", "", sym)
    return sym[:140]
samples = []
cur = None
for line in sys.stdin:
    if not line.strip():
        if cur is not None: samples.append(cur)
        cur = None
        continue
    if not line.startswith((" ", "\t")):
        cur = []
        continue
    m = frame_re.match(line)
    if m and cur is not None:
        cur.append((m.group(1), m.group(2)))
if cur: samples.append(cur)
total = len(samples)
phase = collections.Counter(); excl = collections.Counter(); incl = collections.Counter()
phase_excl = collections.defaultdict(collections.Counter)
for st in samples:
    names = [norm(s, d) for s, d in st]
    raw = [s + " " + d for s, d in st]
    p = "other (runtime, kernel, unattributed)"
    for name, pat in PHASES:
        if any(re.search(pat, r) for r in raw): p = name; break
    phase[p] += 1
    leaf = names[0] if names else "?"
    excl[leaf] += 1; phase_excl[p][leaf] += 1
    for n in set(names): incl[n] += 1
print(f"samples {total}")
print("\n| phase | share of process CPU |\n|---|---|")
for p, c in phase.most_common(): print(f"| {p} | {100*c/total:.1f} % |")
N = int(sys.argv[1]) if len(sys.argv) > 1 else 25
print("\n| exclusive (self) | % |\n|---|---|")
for n, c in excl.most_common(N): print(f"| `{n}` | {100*c/total:.1f} |")
print("\n| inclusive | % |\n|---|---|")
for n, c in incl.most_common(N*3):
    if n.startswith("[") or n in ("start_thread",): continue
    print(f"| `{n}` | {100*c/total:.1f} |")
if len(sys.argv) > 2:
    for p, cnt in phase.most_common():
        print(f"\n### {p} ({100*cnt/total:.1f} %)")
        for n, c in phase_excl[p].most_common(8): print(f"  {100*c/total:5.1f}  {n}")
