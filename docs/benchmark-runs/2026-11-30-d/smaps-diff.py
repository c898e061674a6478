import sys,re,collections
def load(p):
    maps={}; cur=None
    for line in open(p):
        m=re.match(r'^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$',line)
        if m:
            s,e=int(m.group(1),16),int(m.group(2),16)
            cur=(s,e,m.group(3),m.group(4).strip()); maps[cur]={}
        else:
            k,_,v=line.partition(':')
            v=v.strip().split()
            if v and v[0].isdigit(): maps[cur][k]=int(v[0])
    return maps
a=load(sys.argv[1]); b=load(sys.argv[2])
def key(m): return m[0]
ai={m[0]:(m,v) for m,v in a.items()}
rows=[]
for m,v in b.items():
    old=ai.get(m[0])
    ra=old[1].get('Anonymous',0) if old else 0
    d=v.get('Anonymous',0)-ra
    if abs(d)>=256: rows.append((d,m,ra,v.get('Anonymous',0), (old[0][1]-old[0][0])>>10 if old else None))
tot=sum(v.get('Anonymous',0) for v in b.values())-sum(v.get('Anonymous',0) for v in a.values())
print('total anon change KiB',tot)
for d,m,ra,rb,olds in sorted(rows,key=lambda r:-abs(r[0]))[:25]:
    print(f"{d:+8d} KiB  {m[0]:x}-{m[1]:x} {(m[1]-m[0])>>20:6d}MiB {m[2]} {m[3][:40]} (was {ra} -> {rb}; old size KiB {olds})")
