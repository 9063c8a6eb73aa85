"""CPU cost of the authority (TQ) and effect (HL) checks alone, on 60 parsed vbpl.vn texts, and of
loading the administrative-unit data. Run: .venv/bin/python benchmarks/authority_speed.py"""
import gzip, json, time
from vbqppl_check.parse import parse
from vbqppl_check.readers import read
from vbqppl_check.engine import run_checks
from vbqppl_check.config import Config
from vbqppl_check.law.admin_units import AdminUnits
t=time.process_time(); au=AdminUnits(); au.communes('Ba Đình'); print('admin units load+index CPU s', round(time.process_time()-t,3))
docs=[]
for i,line in enumerate(gzip.open('/work/shared/corpus/vbpl-central-2025/vbpl_central.jsonl.gz','rt')):
    r=json.loads(line)
    if r.get('text'): docs.append(parse(read(r['text'].encode(), name='x.txt')))
    if len(docs)>=60: break
cfg=Config(select=('TQ','HL'))
run_checks(docs[0], cfg)
ts=[]
for d in docs:
    t=time.process_time(); run_checks(d,cfg); ts.append(time.process_time()-t)
ts.sort(); print('docs',len(ts),'median ms', round(ts[len(ts)//2]*1000,2), 'p95 ms', round(ts[int(len(ts)*.95)]*1000,2), 'blocks median', sorted(len(d.source.blocks) for d in docs)[30])
