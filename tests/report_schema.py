#!/usr/bin/env python3
"""The claimdiff/1 report validates against docs/claimdiff-report.schema.json:
compare -f json on the fixture story and on the hostile fixtures, and every
line of -f jsonl (groups against the schema's group, the summary against the
report minus "groups"). Skips (exit 77) when python3-jsonschema is absent.
usage: report_schema.py CLAIMDIFF SOURCE_ROOT"""
import json, os, subprocess, sys

try:
    import jsonschema
except ImportError:
    print("SKIP: python3-jsonschema is not installed (apt-get install python3-jsonschema)")
    sys.exit(77)

binp, root = os.path.abspath(sys.argv[1]), sys.argv[2]
schema = json.load(open(os.path.join(root, "docs/claimdiff-report.schema.json")))
V = jsonschema.Draft202012Validator
V.check_schema(schema)
report = V(schema)
group = V(dict(schema["$defs"]["group"], **{"$defs": schema["$defs"]}))
summary_schema = dict(schema, required=[k for k in schema["required"] if k != "groups"])
summary = V(summary_schema)

inputs = [["fixtures/story/manifest.json"],
          ["fixtures/report/hostile-a.json", "fixtures/report/plain-b.json"]]
fails = 0
def check(validator, obj, what):
    global fails
    errs = sorted(validator.iter_errors(obj), key=lambda e: list(e.path))
    for e in errs[:5]:
        print(f"{what}: {'/'.join(map(str, e.path))}: {e.message[:200]}")
    fails += len(errs)

for srcs in inputs:
    out = subprocess.run([binp, "compare", "-q", "-f", "json"] + srcs, cwd=root,
                         capture_output=True, check=True).stdout
    doc = json.loads(out)
    check(report, doc, " ".join(srcs) + " json")
    # the contract DESIGN.md states beyond the shapes
    seen = {(m["source"], m["sentence"]) for g in doc["groups"] for m in g["members"]}
    seen |= {(u["source"], u["sentence"]) for u in doc["unmatched"]}
    for s in doc["sources"]:
        for k in range(1, s["sentences"] + 1):
            if (s["id"], k) not in seen:
                print(f"{srcs}: sentence {s['id']}#{k} is neither in a group nor unmatched")
                fails += 1
    for g in doc["groups"]:
        ids = [m["source"] for m in g["members"]]
        if len(ids) != len(set(ids)):
            print(f"{srcs}: group {g['id']} holds two sentences of one source")
            fails += 1
    lines = subprocess.run([binp, "compare", "-q", "-f", "jsonl"] + srcs, cwd=root,
                           capture_output=True, check=True).stdout.decode().splitlines()
    objs = [json.loads(l) for l in lines]
    if not objs or objs[-1].get("type") != "summary":
        print(f"{srcs}: jsonl does not end with a summary line")
        fails += 1
    for o in objs[:-1]:
        if o.get("type") != "group":
            print(f"{srcs}: jsonl line of type {o.get('type')} before the summary")
            fails += 1
        check(group, o, " ".join(srcs) + " jsonl group")
    check(summary, objs[-1], " ".join(srcs) + " jsonl summary")
    if len(objs) - 1 != len(doc["groups"]):
        print(f"{srcs}: jsonl has {len(objs) - 1} groups, json {len(doc['groups'])}")
        fails += 1
print(f"{fails} schema violations")
sys.exit(1 if fails else 0)
