#!/usr/bin/env python3
"""Self-check of a held-out set: `python3 tests/heldout_check.py tests/heldout10` (each set's
check.py calls it for its own folder): labels are TAXONOMY ids (1-3, no
repeats), every anchor occurs in its document in document order, every non-null unit_anchor of
targets.json is a unit anchor of the same document, every value occurs in its phrase and every
phrase in its document after its unit's anchor, years are int/null/"every_year", keys in order."""
import json, os, re, sys
HERE = os.path.abspath(sys.argv[1])
IDS = """goals manufacturing digital_industry platform_economy retail logistics education healthcare
elderly_care tourism culture office finance mobility rd_design agriculture government sports
employment data infrastructure security technology enterprises brands scenarios pilot_zones
regulation organization fiscal talent""".split()
tax = os.path.join(HERE, '../../../shared/design/TAXONOMY.md')
for p in (tax, '/work/shared/design/TAXONOMY.md'):
    if os.path.exists(p):
        ids = [i for i in re.findall(r'^([a-z_]+) \|', open(p, encoding='utf-8').read(), re.M) if i != 'id']
        assert set(ids) == set(IDS), 'TAXONOMY changed: %s' % (set(ids) ^ set(IDS))
        break
def text(doc):
    return open(os.path.join(HERE, doc), encoding='utf-8', newline='').read()
units = json.load(open(os.path.join(HERE, 'alignment.json'), encoding='utf-8'))
targets = json.load(open(os.path.join(HERE, 'targets.json'), encoding='utf-8'))
err = []
warn = []
pos = {}
for u in units:
    if list(u) != ['doc', 'number', 'path', 'heading', 'anchor', 'labels']:
        err.append(('keys', u['path']))
    labs = u['labels']
    if not (1 <= len(labs) <= 3) or len(set(labs)) != len(labs) or any(l not in IDS for l in labs):
        err.append(('labels', u['doc'], u['path'], labs))
    s = text(u['doc'])
    # the anchor as printed right after its number token (and delimiter whitespace), in order;
    # anchors that repeat elsewhere (articles opening alike) are counted as warnings
    k = s.find(u['anchor'], pos.get(u['doc'], 0))
    while k >= 0 and not s[:k].rstrip().endswith(u['number']):
        k = s.find(u['anchor'], k + 1)
    if k < 0 or len(re.sub(r'\s', '', u['anchor'])) != 16:
        err.append(('anchor', u['doc'], u['path'], u['anchor']))
    else:
        if s.count(u['anchor']) > 1:
            warn.append((u['doc'], u['path']))
        pos[u['doc']] = k + 1
anchors = {(u['doc'], u['anchor']) for u in units}
for t in targets:
    if list(t) != ['doc', 'unit_anchor', 'value', 'year', 'phrase']:
        err.append(('keys', t))
    if t['unit_anchor'] is not None and (t['doc'], t['unit_anchor']) not in anchors:
        err.append(('unit_anchor', t['doc'], t['unit_anchor']))
    if t['value'] not in t['phrase']:
        err.append(('value', t['value'], t['phrase']))
    s = text(t['doc'])
    start = s.index(t['unit_anchor']) if t['unit_anchor'] else 0
    if s.find(t['phrase'], start) < 0:
        err.append(('phrase', t['doc'], t['phrase']))
    if not (t['year'] is None or t['year'] == 'every_year' or isinstance(t['year'], int)):
        err.append(('year', t))
docs = sorted(f for f in os.listdir(HERE) if f.endswith('.txt'))
for d in docs:
    if not any(u['doc'] == d for u in units):
        err.append(('no units', d))
for e in err:
    print('ERROR', e)
print('%d units, %d targets, %d documents, %d errors, %d anchors that occur more than once (warning)' % (len(units), len(targets), len(docs), len(err), len(warn)))
sys.exit(1 if err else 0)
