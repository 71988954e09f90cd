//! Export stage: the graph as one self-contained HTML file, a viewer that works
//! offline (no network, no CDN: its JavaScript is embedded in the file).
//!
//! The viewer lays the graph out with a small force-directed simulation on a
//! canvas; it pans (drag), zooms (wheel), finds nodes by name (folded the way
//! [`crate::text::fold_key`] folds), hides node types, and shows for a clicked node
//! its names, attributes, connections and evidence: the sentence around each span
//! when the document's text is given, else the document id and byte offsets.
//! Filters hide node types, edge types, and meetings and claims dated outside a
//! range. Labels are drawn through [`isolate`], so that a date inside an Arabic
//! title keeps its order (`محادثات مسقط 2026-02-06`).
//!
//! For tests and links, the page reads its address fragment: `#select=ID` selects a
//! node, `#click=ID` clicks where the node is drawn, `#q=TEXT` searches,
//! `#from=2024&to=2025-06&hide=about,said` sets the date range and hides edge types. After every
//! change it writes a JSON summary (node and edge counts, labels drawn, selection)
//! into `<pre id="wasit-summary">`.

use std::collections::HashMap;
use std::io::{self, Write};

use serde_json::{json, Map, Value};

use crate::model::{Evidence, Graph, NodeType};
use crate::text::{fold_key, sentences};

use super::dot::{
    edge_label, edge_style, edge_type_name, isolate, node_style, node_type_name, Labels,
};

/// Most evidence snippets embedded for one node; the rest are counted.
const NODE_EVIDENCE: usize = 12;
/// Most evidence snippets embedded for one edge.
const EDGE_EVIDENCE: usize = 6;
/// Most characters of context kept on each side of a span.
const CONTEXT: usize = 240;

/// Writes the graph as a self-contained HTML viewer. `docs` maps document ids to
/// their original text, for the evidence sentences; it may be empty.
///
/// ```
/// use std::collections::HashMap;
/// use wasit::export::html::write_html;
/// use wasit::model::{Evidence, Graph, Node, NodeType};
/// let text = "وصل الوفد إلى مسقط. وقالت عُمان إن المحادثات بناءة.";
/// let start = text.find("عُمان").unwrap();
/// let mut oman = Node::new("state:OM", NodeType::State, "عُمان");
/// oman.evidence.push(Evidence { doc: "a.txt".into(), start, end: start + "عُمان".len() });
/// let mut g = Graph::default();
/// g.add_node(oman);
/// let docs = HashMap::from([("a.txt".to_string(), text.to_string())]);
/// let mut out = Vec::new();
/// write_html(&g, &docs, &mut out).unwrap();
/// let html = String::from_utf8(out).unwrap();
/// assert!(html.contains("وقالت "));
/// assert!(!html.contains("<script src"));
/// ```
pub fn write_html<W: Write>(
    graph: &Graph,
    docs: &HashMap<String, String>,
    w: &mut W,
) -> io::Result<()> {
    let data = viewer_data(graph, docs);
    let json = serde_json::to_string(&data).map_err(io::Error::other)?;
    // `<` only occurs inside JSON strings, where `\u003c` means the same: no `</script>`.
    let json = json.replace('<', "\\u003c");
    let (head, tail) = TEMPLATE.split_once(DATA_MARK).unwrap_or((TEMPLATE, ""));
    w.write_all(head.as_bytes())?;
    w.write_all(json.as_bytes())?;
    w.write_all(tail.as_bytes())
}

/// The JSON the viewer reads: nodes with their search keys and evidence, edges by
/// node index, and the styles of each type.
fn viewer_data(graph: &Graph, docs: &HashMap<String, String>) -> Value {
    let mut snippets = Snippets {
        docs,
        sentences: HashMap::new(),
    };
    let index: HashMap<&str, usize> = graph
        .nodes()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();

    let nodes: Vec<Value> = graph
        .nodes()
        .map(|n| {
            let mut keys: Vec<String> = std::iter::once(n.label.as_str())
                .chain(n.aliases.iter().map(String::as_str))
                .chain(n.name_en())
                .chain(std::iter::once(n.id.as_str()))
                .map(fold_key)
                .filter(|k| !k.is_empty())
                .collect();
            keys.dedup();
            let attrs: Map<String, Value> =
                n.attrs.iter().filter(|(k, _)| k.as_str() != "name_en").map(|(k, v)| (k.clone(), v.clone())).collect();
            json!({
                "id": n.id,
                "type": n.node_type.as_str(),
                "label": n.label,
                "show": isolate(&n.label),
                "en": n.name_en(),
                "aliases": n.aliases,
                "keys": keys,
                "attrs": attrs,
                "ev": n.evidence.iter().take(NODE_EVIDENCE).map(|e| snippets.of(e)).collect::<Vec<_>>(),
                "evMore": n.evidence.len().saturating_sub(NODE_EVIDENCE),
            })
        })
        .collect();

    let edges: Vec<Value> = graph
        .edges()
        .filter_map(|e| {
            let (s, t) = (*index.get(e.source.as_str())?, *index.get(e.target.as_str())?);
            Some(json!({
                "s": s,
                "t": t,
                "type": e.edge_type.as_str(),
                "label": edge_label(e, Labels::Ar),
                "show": isolate(&edge_label(e, Labels::Ar)),
                "en": edge_label(e, Labels::En),
                "ev": e.evidence.iter().take(EDGE_EVIDENCE).map(|ev| snippets.of(ev)).collect::<Vec<_>>(),
                "evMore": e.evidence.len().saturating_sub(EDGE_EVIDENCE),
            }))
        })
        .collect();

    let node_types: Map<String, Value> = NodeType::ALL
        .iter()
        .map(|&t| {
            let (shape, fill, stroke) = node_style(t);
            let (ar, en) = node_type_name(t);
            (
                t.as_str().to_string(),
                json!({"ar": ar, "en": en, "fill": fill, "stroke": stroke, "shape": shape}),
            )
        })
        .collect();
    let edge_types: Map<String, Value> = crate::model::EdgeType::ALL
        .iter()
        .map(|&t| {
            let (color, style, width) = edge_style(t);
            let (ar, en) = edge_type_name(t);
            let width: f64 = width.parse().unwrap_or(1.0);
            (
                t.as_str().to_string(),
                json!({"ar": ar, "en": en, "color": color, "style": style, "width": width}),
            )
        })
        .collect();
    let documents: Map<String, Value> = graph
        .header
        .documents
        .iter()
        .map(|d| {
            (
                d.id.clone(),
                serde_json::to_value(&d.meta).unwrap_or(Value::Null),
            )
        })
        .collect();

    json!({
        "nodes": nodes,
        "edges": edges,
        "nodeTypes": node_types,
        "edgeTypes": edge_types,
        "documents": documents,
    })
}

/// Evidence turned into text snippets, with each document's sentences computed once.
struct Snippets<'a> {
    docs: &'a HashMap<String, String>,
    sentences: HashMap<&'a str, Vec<(usize, usize)>>,
}

impl<'a> Snippets<'a> {
    /// `{doc, start, end}` and, when the text is known and the span fits it,
    /// `pre`, `hit` and `post`: the sentence around the span, cut in three.
    fn of(&mut self, ev: &Evidence) -> Value {
        let mut v = json!({"doc": ev.doc, "start": ev.start, "end": ev.end});
        let Some((key, text)) = self.docs.get_key_value(ev.doc.as_str()) else {
            return v;
        };
        let Some(hit) = text.get(ev.start..ev.end) else {
            return v;
        };
        let sents = self
            .sentences
            .entry(key.as_str())
            .or_insert_with(|| sentences(text));
        let (s0, s1) = sentence_around(sents, ev.start, ev.end);
        let pre = text.get(s0..ev.start).unwrap_or("");
        let post = text.get(ev.end..s1).unwrap_or("");
        if let Value::Object(m) = &mut v {
            m.insert("pre".into(), Value::String(keep_end(pre, CONTEXT)));
            m.insert("hit".into(), Value::String(keep_start(hit, 2 * CONTEXT)));
            m.insert("post".into(), Value::String(keep_start(post, CONTEXT)));
        }
        v
    }
}

/// The byte range of the sentences that hold `[start, end)` (the span itself when
/// it falls between sentences).
fn sentence_around(sents: &[(usize, usize)], start: usize, end: usize) -> (usize, usize) {
    let s0 = sents
        .iter()
        .find(|&&(a, b)| a <= start && start < b)
        .map_or(start, |&(a, _)| a);
    let s1 = sents
        .iter()
        .find(|&&(a, b)| a < end && end <= b)
        .map_or(end, |&(_, b)| b);
    (s0.min(start), s1.max(end))
}

/// The first `max` characters of `s`, `…` added when cut.
fn keep_start(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_string(),
    }
}

/// The last `max` characters of `s`, `…` added when cut.
fn keep_end(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        return s.to_string();
    }
    match s.char_indices().nth(n - max) {
        Some((at, _)) => format!("…{}", &s[at..]),
        None => s.to_string(),
    }
}

/// Where the JSON goes in [`TEMPLATE`].
const DATA_MARK: &str = "/*WASIT_DATA*/";

/// The page: style, the data island and the viewer script (plain JavaScript).
const TEMPLATE: &str = r##"<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="wasit">
<title>وسيط — wasit graph</title>
<style>
:root { --line: #e5e7eb; --ink: #111827; --muted: #6b7280; }
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; font-family: "Noto Sans Arabic", "Noto Naskh Arabic", "Amiri", "Noto Sans", "DejaVu Sans", sans-serif; color: var(--ink); background: #fff; }
body { display: flex; flex-direction: column; }
header { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; padding: .4rem .8rem; border-bottom: 1px solid var(--line); background: #f9fafb; }
header h1 { font-size: 1.1rem; margin: 0; }
#search { font: inherit; padding: .25rem .5rem; min-width: 16rem; border: 1px solid #d1d5db; border-radius: .4rem; }
#types label { margin-inline-end: .6rem; font-size: .85rem; white-space: nowrap; cursor: pointer; }
.swatch { display: inline-block; width: .8rem; height: .8rem; border: 2px solid; border-radius: 3px; vertical-align: middle; margin-inline: .2rem; }
#edge-filter { font-size: .85rem; }
#edge-filter summary { cursor: pointer; }
#etypes { display: flex; flex-wrap: wrap; gap: .2rem .6rem; position: absolute; z-index: 2; background: #fff; border: 1px solid var(--line); padding: .3rem .5rem; border-radius: .4rem; max-width: 30rem; }
#etypes label, #dates label { font-size: .85rem; white-space: nowrap; cursor: pointer; }
#dates input { font: inherit; font-size: .8rem; width: 7rem; }
.line { display: inline-block; width: 1.2rem; height: 0; border-top: 3px solid; vertical-align: middle; margin-inline: .2rem; }
#count { color: var(--muted); font-size: .85rem; }
button { font: inherit; font-size: .85rem; padding: .15rem .6rem; border: 1px solid #d1d5db; border-radius: .4rem; background: #fff; cursor: pointer; }
main { flex: 1; display: flex; min-height: 0; position: relative; }
#stage { flex: 1; position: relative; min-width: 0; }
#graph { position: absolute; inset: 0; width: 100%; height: 100%; cursor: grab; touch-action: none; }
#results { position: absolute; top: .3rem; inset-inline-start: .3rem; margin: 0; padding: .2rem 0; list-style: none; background: #fff; border: 1px solid var(--line); border-radius: .4rem; max-height: 60%; overflow: auto; box-shadow: 0 2px 8px #0002; min-width: 14rem; }
#results:empty { display: none; }
#results li { padding: .2rem .6rem; cursor: pointer; }
#results li:hover { background: #eff6ff; }
#panel { width: 24rem; max-width: 45%; overflow: auto; border-inline-start: 1px solid var(--line); padding: .6rem .9rem; font-size: .92rem; }
#panel h2 { font-size: 1.15rem; margin: .2rem 0; }
#panel h3 { font-size: .95rem; margin: .9rem 0 .3rem; color: #374151; }
.en { color: var(--muted); direction: ltr; unicode-bidi: isolate; }
.badge { display: inline-block; font-size: .75rem; padding: 0 .4rem; border-radius: .6rem; border: 1px solid; }
.id { font-family: monospace; font-size: .75rem; color: var(--muted); direction: ltr; unicode-bidi: isolate; }
blockquote { margin: .35rem 0; padding: .3rem .6rem; border-inline-start: 3px solid #fbbf24; background: #fffbeb; }
mark { background: #fde68a; }
cite { display: block; font-size: .75rem; color: var(--muted); font-style: normal; }
ul.links { padding-inline-start: 1rem; margin: .2rem 0; }
ul.links button { border: none; padding: 0; color: #1d4ed8; background: none; text-decoration: underline; }
table.attrs td { padding: 0 .4rem; vertical-align: top; }
.hint { color: var(--muted); }
</style>
</head>
<body>
<header>
<h1>وسيط <span class="en">wasit</span></h1>
<input id="search" type="search" placeholder="ابحث عن اسم… / search a name" autocomplete="off" dir="auto">
<span id="types"></span>
<details id="edge-filter"><summary>العلاقات · edges</summary><span id="etypes"></span></details>
<span id="dates"><label>من · from <input id="from" size="10" placeholder="YYYY-MM-DD" dir="ltr"></label> <label>إلى · to <input id="to" size="10" placeholder="YYYY-MM-DD" dir="ltr"></label></span>
<button id="fit" type="button" title="fit">⤢ ملاءمة</button>
<span id="count"></span>
</header>
<main>
<div id="stage"><canvas id="graph"></canvas><ul id="results"></ul></div>
<aside id="panel"><p class="hint">انقر عقدة لترى أدلتها. اسحب للتحريك، وعجلة الفأرة للتكبير. <span class="en">Click a node to see its evidence; drag to pan, wheel to zoom.</span></p></aside>
</main>
<pre id="wasit-summary" hidden></pre>
<script type="application/json" id="wasit-data">/*WASIT_DATA*/</script>
<script>
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('wasit-data').textContent);
  var nodes = data.nodes, edges = data.edges, NT = data.nodeTypes, ET = data.edgeTypes;
  var canvas = document.getElementById('graph');
  var ctx = canvas.getContext('2d');
  var panel = document.getElementById('panel');
  var results = document.getElementById('results');
  var search = document.getElementById('search');
  var FONT = '"Noto Sans Arabic", "Noto Naskh Arabic", "Amiri", "Noto Sans", "DejaVu Sans", sans-serif';
  var hidden = { claim: nodes.length > 0 && nodes.some(function (n) { return n.type !== 'claim'; }) };
  var hiddenEdge = {}, range = { from: '', to: '' };
  var view = { x: 0, y: 0, k: 1 };
  var selected = null, hovered = null, matches = [], W = 0, H = 0, dpr = 1;

  nodes.forEach(function (n, i) { n.i = i; n.adj = []; });
  edges.forEach(function (e, i) { nodes[e.s].adj.push(i); nodes[e.t].adj.push(i); });
  nodes.forEach(function (n) { n.r = 9 + Math.min(12, 2.2 * Math.sqrt(n.adj.length)); if (n.type === 'meeting' || n.type === 'state') { n.r += 3; } });

  // A date compared at the precision both have (2026 is within 2026-02); only
  // meetings and claims are dated, and an undated one is out of any range.
  function cut(a, b) { var n = Math.min(a.length, b.length); return [a.slice(0, n), b.slice(0, n)]; }
  function inRange(n) {
    if (!range.from && !range.to) { return true; }
    if (n.type !== 'meeting' && n.type !== 'claim') { return true; }
    var d = String((n.attrs || {}).date || '');
    if (!d || d.charAt(0) === 'X') { return false; }
    var c;
    if (range.from) { c = cut(d, range.from); if (c[0] < c[1]) { return false; } }
    if (range.to) { c = cut(d, range.to); if (c[0] > c[1]) { return false; } }
    return true;
  }
  function visible(n) { return !hidden[n.type] && inRange(n); }
  function edgeVisible(e) { return !hiddenEdge[e.type] && visible(nodes[e.s]) && visible(nodes[e.t]); }

  var STRONG = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
  var RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
  function isRtl(s) { var m = STRONG.exec(s || ''); return !!m && RTL.test(m[0]); }

  // The folding of wasit::text::fold_key, for search.
  function fold(s) {
    s = String(s || '').normalize('NFKC');
    s = s.replace(/[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, '');
    s = s.replace(/[أإآٱ]/g, 'ا').replace(/[ىئی]/g, 'ي').replace(/[ةھ]/g, 'ه').replace(/ؤ/g, 'و').replace(/ک/g, 'ك');
    s = s.replace(/[\u0660-\u0669]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0x0660 + 48); });
    s = s.replace(/[\u06F0-\u06F9]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0x06F0 + 48); });
    s = s.toLowerCase();
    s = s.replace(/["'«»“”‘’()\[\]{}<>.,:;!?،؛؟\-–—_\/\\|*…]/g, ' ');
    return s.replace(/\s+/g, ' ').trim();
  }

  // Force-directed layout: springs along edges, repulsion between nearby nodes
  // (a grid keeps it near linear), a weak pull to the centre. Deterministic.
  function layout(iterations) {
    var vis = nodes.filter(visible);
    var n = vis.length;
    vis.forEach(function (d, j) {
      if (d.x === undefined) {
        var r = 40 * Math.sqrt(j + 0.5), a = j * 2.399963;
        d.x = r * Math.cos(a); d.y = r * Math.sin(a);
      }
    });
    var es = edges.filter(edgeVisible);
    var L = 120, REP = 9000, CELL = 260;
    var iters = iterations || (n > 3000 ? 80 : n > 800 ? 160 : 320);
    for (var it = 0; it < iters; it++) {
      var alpha = 1 - it / iters;
      vis.forEach(function (d) { d.fx = 0; d.fy = 0; });
      var grid = {};
      vis.forEach(function (d) {
        var key = Math.floor(d.x / CELL) + ',' + Math.floor(d.y / CELL);
        (grid[key] || (grid[key] = [])).push(d);
      });
      vis.forEach(function (d) {
        var cx = Math.floor(d.x / CELL), cy = Math.floor(d.y / CELL);
        for (var gx = cx - 1; gx <= cx + 1; gx++) {
          for (var gy = cy - 1; gy <= cy + 1; gy++) {
            var cell = grid[gx + ',' + gy];
            if (!cell) { continue; }
            for (var q = 0; q < cell.length; q++) {
              var o = cell[q];
              if (o === d) { continue; }
              var dx = d.x - o.x, dy = d.y - o.y, d2 = dx * dx + dy * dy;
              if (d2 < 0.01) { dx = (d.i - o.i) * 0.1 + 0.1; dy = 0.1; d2 = dx * dx + dy * dy; }
              var f = REP / d2;
              d.fx += dx * f / Math.sqrt(d2); d.fy += dy * f / Math.sqrt(d2);
            }
          }
        }
      });
      es.forEach(function (e) {
        var a = nodes[e.s], b = nodes[e.t];
        var dx = b.x - a.x, dy = b.y - a.y, dist = Math.sqrt(dx * dx + dy * dy) || 0.1;
        var f = (dist - L) * 0.06;
        var fx = dx / dist * f, fy = dy / dist * f;
        a.fx += fx; a.fy += fy; b.fx -= fx; b.fy -= fy;
      });
      var step = 4 + 26 * alpha;
      vis.forEach(function (d) {
        d.fx -= d.x * 0.012; d.fy -= d.y * 0.012;
        if (d.fixed) { return; }
        var m = Math.sqrt(d.fx * d.fx + d.fy * d.fy);
        if (m > step) { d.fx *= step / m; d.fy *= step / m; }
        d.x += d.fx; d.y += d.fy;
      });
    }
  }

  function resize() {
    var rect = canvas.getBoundingClientRect();
    dpr = window.devicePixelRatio || 1;
    W = Math.max(1, rect.width); H = Math.max(1, rect.height);
    canvas.width = Math.round(W * dpr); canvas.height = Math.round(H * dpr);
  }

  function fit() {
    var vis = nodes.filter(visible);
    if (!vis.length) { view = { x: W / 2, y: H / 2, k: 1 }; return; }
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    vis.forEach(function (d) { x0 = Math.min(x0, d.x - 60); x1 = Math.max(x1, d.x + 60); y0 = Math.min(y0, d.y - 30); y1 = Math.max(y1, d.y + 40); });
    var k = Math.min(W / (x1 - x0), H / (y1 - y0), 2);
    k = Math.max(k, 0.05);
    view = { k: k, x: W / 2 - k * (x0 + x1) / 2, y: H / 2 - k * (y0 + y1) / 2 };
  }

  function toWorld(px, py) { return { x: (px - view.x) / view.k, y: (py - view.y) / view.k }; }
  function toScreen(d) { return { x: d.x * view.k + view.x, y: d.y * view.k + view.y }; }

  function shapePath(d) {
    var r = d.r, x = d.x, y = d.y, i;
    ctx.beginPath();
    switch (d.type) {
      case 'state': ctx.rect(x - r * 1.2, y - r * 0.85, r * 2.4, r * 1.7); break;
      case 'organization': ctx.moveTo(x, y - r * 1.15); ctx.lineTo(x + r * 1.15, y); ctx.lineTo(x, y + r * 1.15); ctx.lineTo(x - r * 1.15, y); ctx.closePath(); break;
      case 'place': ctx.moveTo(x, y - r * 1.2); ctx.lineTo(x + r, y + r * 0.8); ctx.lineTo(x - r, y + r * 0.8); ctx.closePath(); break;
      case 'meeting':
        for (i = 0; i < 6; i++) { var a = Math.PI / 3 * i; ctx[i ? 'lineTo' : 'moveTo'](x + r * 1.2 * Math.cos(a), y + r * 1.2 * Math.sin(a)); }
        ctx.closePath(); break;
      case 'claim': ctx.rect(x - r * 0.8, y - r, r * 1.6, r * 2); break;
      default: ctx.arc(x, y, r, 0, Math.PI * 2);
    }
  }

  function neighbours(n) {
    var set = {};
    if (!n) { return set; }
    set[n.i] = true;
    n.adj.forEach(function (ei) { set[edges[ei].s] = true; set[edges[ei].t] = true; });
    return set;
  }

  function draw() {
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#ffffff'; ctx.fillRect(0, 0, W, H);
    ctx.setTransform(dpr * view.k, 0, 0, dpr * view.k, dpr * view.x, dpr * view.y);
    var near = neighbours(selected), focus = !!selected;
    var es = edges.filter(edgeVisible);
    var showEdgeLabels = view.k > 0.55 && (es.length < 400 || focus);
    es.forEach(function (e) {
      var a = nodes[e.s], b = nodes[e.t], st = ET[e.type] || {};
      var on = !focus || e.s === selected.i || e.t === selected.i;
      ctx.globalAlpha = on ? 1 : 0.12;
      ctx.strokeStyle = st.color || '#999'; ctx.fillStyle = st.color || '#999';
      ctx.lineWidth = (st.width || 1) * (on && focus ? 1.4 : 1);
      ctx.setLineDash(st.style === 'dashed' ? [7, 4] : st.style === 'dotted' ? [2, 4] : []);
      var dx = b.x - a.x, dy = b.y - a.y, dist = Math.sqrt(dx * dx + dy * dy) || 1;
      var ux = dx / dist, uy = dy / dist;
      var tx = b.x - ux * (b.r + 3), ty = b.y - uy * (b.r + 3);
      ctx.beginPath(); ctx.moveTo(a.x, a.y); ctx.lineTo(tx, ty); ctx.stroke();
      ctx.setLineDash([]);
      var ah = 7 + (st.width || 1) * 1.5;
      ctx.beginPath(); ctx.moveTo(tx, ty);
      ctx.lineTo(tx - ux * ah - uy * ah * 0.5, ty - uy * ah + ux * ah * 0.5);
      ctx.lineTo(tx - ux * ah + uy * ah * 0.5, ty - uy * ah - ux * ah * 0.5);
      ctx.closePath(); ctx.fill();
      if (showEdgeLabels && on) {
        ctx.font = '10px ' + FONT; ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
        ctx.direction = isRtl(e.label) ? 'rtl' : 'ltr';
        var mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2;
        ctx.lineWidth = 3; ctx.strokeStyle = '#ffffff'; ctx.strokeText(e.show || e.label, mx, my);
        ctx.fillText(e.show || e.label, mx, my);
      }
    });
    var match = {};
    matches.forEach(function (n) { match[n.i] = true; });
    var drawn = [];
    nodes.forEach(function (d) {
      if (!visible(d)) { return; }
      var st = NT[d.type] || {};
      ctx.globalAlpha = !focus || near[d.i] ? 1 : 0.2;
      if (match[d.i]) {
        ctx.beginPath(); ctx.arc(d.x, d.y, d.r + 9, 0, Math.PI * 2);
        ctx.fillStyle = 'rgba(250, 204, 21, 0.55)'; ctx.fill();
      }
      shapePath(d);
      ctx.fillStyle = st.fill || '#eee'; ctx.fill();
      ctx.setLineDash(d.attrs && d.attrs.anonymous ? [4, 3] : []);
      ctx.lineWidth = d === selected ? 4 : 1.8;
      ctx.strokeStyle = d === selected ? '#111827' : (st.stroke || '#555');
      ctx.stroke(); ctx.setLineDash([]);
      var big = d.type === 'state' || d.type === 'meeting' || d === selected || match[d.i] || near[d.i];
      if (view.k > 0.45 || big) {
        var label = d.label.length > 40 ? d.label.slice(0, 38) + '…' : (d.show || d.label);
        ctx.font = (big ? 'bold ' : '') + '12px ' + FONT;
        ctx.textAlign = 'center'; ctx.textBaseline = 'top';
        ctx.direction = isRtl(label) ? 'rtl' : 'ltr';
        ctx.lineWidth = 4; ctx.strokeStyle = '#ffffff'; ctx.strokeText(label, d.x, d.y + d.r * 1.25 + 2);
        ctx.fillStyle = '#111827'; ctx.fillText(label, d.x, d.y + d.r * 1.25 + 2);
        var date = d.type === 'meeting' && d.attrs && d.attrs.date;
        if (date) {
          ctx.font = '11px ' + FONT; ctx.direction = 'ltr';
          ctx.lineWidth = 4; ctx.strokeText(String(date), d.x, d.y + d.r * 1.25 + 18);
          ctx.fillStyle = '#b91c1c'; ctx.fillText(String(date), d.x, d.y + d.r * 1.25 + 18);
        }
        drawn.push(d.label);
      }
    });
    ctx.globalAlpha = 1;
    summary(drawn);
  }

  function summary(drawn) {
    var vis = nodes.filter(visible);
    var s = {
      nodes: nodes.length, edges: edges.length, visible: vis.length,
      visibleEdges: edges.filter(edgeVisible).length,
      hiddenEdgeTypes: Object.keys(hiddenEdge).filter(function (t) { return hiddenEdge[t]; }),
      range: range,
      placed: vis.every(function (d) { return isFinite(d.x) && isFinite(d.y); }),
      labels: drawn, selected: selected ? selected.id : null,
      evidenceShown: panel.querySelectorAll('blockquote').length,
      matches: matches.map(function (n) { return n.id; }), zoom: view.k
    };
    document.getElementById('wasit-summary').textContent = JSON.stringify(s);
    document.getElementById('count').textContent = vis.length + ' / ' + nodes.length + ' عقدة · ' + s.visibleEdges + ' علاقة';
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }

  function evidenceBlock(ev) {
    var q = el('blockquote');
    q.dir = 'auto';
    if (ev.hit !== undefined) {
      q.appendChild(document.createTextNode(ev.pre || ''));
      q.appendChild(el('mark', ev.hit));
      q.appendChild(document.createTextNode(ev.post || ''));
    }
    var meta = (data.documents || {})[ev.doc] || {};
    var parts = [ev.doc, 'bytes ' + ev.start + '–' + ev.end];
    ['outlet', 'date', 'title'].forEach(function (k) { if (meta[k]) { parts.push(String(meta[k])); } });
    // Each part isolated, so that a date keeps its order among Arabic words.
    var cite = el('cite');
    parts.forEach(function (p, i) {
      if (i) { cite.appendChild(document.createTextNode(' · ')); }
      cite.appendChild(el('bdi', p));
    });
    q.appendChild(cite);
    return q;
  }

  function select(n, center) {
    selected = n || null;
    panel.textContent = '';
    if (!n) { draw(); return; }
    if (hidden[n.type]) { hidden[n.type] = false; syncTypes(); layout(120); }
    var st = NT[n.type] || {};
    var h = el('h2', n.show || n.label); h.dir = 'auto'; panel.appendChild(h);
    if (n.en) { panel.appendChild(el('div', n.en, 'en')); }
    var badge = el('span', st.ar + ' · ' + st.en, 'badge');
    badge.style.borderColor = st.stroke; badge.style.background = st.fill;
    panel.appendChild(badge);
    panel.appendChild(el('div', n.id, 'id'));
    if (n.aliases && n.aliases.length) {
      panel.appendChild(el('h3', 'أسماء أخرى · aliases'));
      panel.appendChild(el('div', n.aliases.join('، ')));
    }
    var keys = Object.keys(n.attrs || {});
    if (keys.length) {
      panel.appendChild(el('h3', 'خصائص · attributes'));
      var t = el('table', null, 'attrs');
      keys.forEach(function (k) {
        var v = n.attrs[k], tr = el('tr');
        tr.appendChild(el('td', k, 'id'));
        var td = el('td', typeof v === 'string' ? v : JSON.stringify(v)); td.dir = 'auto';
        tr.appendChild(td); t.appendChild(tr);
      });
      panel.appendChild(t);
    }
    panel.appendChild(el('h3', 'الأدلة · evidence (' + (n.ev.length + n.evMore) + ')'));
    if (!n.ev.length) { panel.appendChild(el('p', 'لا أدلة · no evidence', 'hint')); }
    n.ev.forEach(function (ev) { panel.appendChild(evidenceBlock(ev)); });
    if (n.evMore) { panel.appendChild(el('p', '+ ' + n.evMore, 'hint')); }
    if (n.adj.length) {
      panel.appendChild(el('h3', 'العلاقات · connections (' + n.adj.length + ')'));
      var ul = el('ul', null, 'links');
      n.adj.forEach(function (ei) {
        var e = edges[ei], out = e.s === n.i, other = nodes[out ? e.t : e.s];
        var li = el('li');
        // The page reads right to left: ← points away from this node, → towards it.
        li.appendChild(document.createTextNode((out ? '← ' : '→ ') + (e.show || e.label) + ' '));
        var b = el('button', other.show || other.label); b.type = 'button'; b.dir = 'auto';
        b.addEventListener('click', function () { select(other, true); });
        li.appendChild(b);
        if (e.ev.length) {
          var det = el('details');
          det.appendChild(el('summary', 'الأدلة · evidence (' + (e.ev.length + e.evMore) + ')'));
          e.ev.forEach(function (ev) { det.appendChild(evidenceBlock(ev)); });
          li.appendChild(det);
        }
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    }
    if (center) {
      var p = toScreen(n);
      view.x += W / 2 - p.x; view.y += H / 2 - p.y;
    }
    draw();
  }

  function hit(px, py) {
    var w = toWorld(px, py), best = null, bestD = Infinity;
    nodes.forEach(function (d) {
      if (!visible(d)) { return; }
      var dx = d.x - w.x, dy = d.y - w.y, dist = Math.sqrt(dx * dx + dy * dy);
      if (dist <= d.r * 1.3 + 3 / view.k && dist < bestD) { best = d; bestD = dist; }
    });
    return best;
  }

  var drag = null;
  function local(ev) { var r = canvas.getBoundingClientRect(); return { x: ev.clientX - r.left, y: ev.clientY - r.top }; }
  canvas.addEventListener('pointerdown', function (ev) {
    var p = local(ev), n = hit(p.x, p.y);
    drag = { x: p.x, y: p.y, sx: p.x, sy: p.y, node: n, vx: view.x, vy: view.y };
    try { canvas.setPointerCapture(ev.pointerId); } catch (err) { /* synthetic events have no capture */ }
    canvas.style.cursor = 'grabbing';
  });
  canvas.addEventListener('pointermove', function (ev) {
    var p = local(ev);
    if (!drag) {
      var n = hit(p.x, p.y);
      if (n !== hovered) { hovered = n; canvas.style.cursor = n ? 'pointer' : 'grab'; canvas.title = n ? n.label + (n.en ? ' — ' + n.en : '') : ''; }
      return;
    }
    if (drag.node) {
      drag.node.x += (p.x - drag.x) / view.k; drag.node.y += (p.y - drag.y) / view.k; drag.node.fixed = true;
    } else {
      view.x = drag.vx + p.x - drag.sx; view.y = drag.vy + p.y - drag.sy;
    }
    drag.x = p.x; drag.y = p.y;
    draw();
  });
  canvas.addEventListener('pointerup', function (ev) {
    if (!drag) { return; }
    var p = local(ev), moved = Math.abs(p.x - drag.sx) + Math.abs(p.y - drag.sy);
    if (moved < 5) { select(drag.node); }
    drag = null; canvas.style.cursor = 'grab';
  });
  canvas.addEventListener('wheel', function (ev) {
    ev.preventDefault();
    var p = local(ev), f = Math.exp(-ev.deltaY * 0.0015);
    var k = Math.min(8, Math.max(0.03, view.k * f));
    view.x = p.x - (p.x - view.x) * k / view.k; view.y = p.y - (p.y - view.y) * k / view.k; view.k = k;
    draw();
  }, { passive: false });
  canvas.addEventListener('dblclick', function () { fit(); draw(); });
  document.getElementById('fit').addEventListener('click', function () { fit(); draw(); });

  function runSearch() {
    var q = fold(search.value);
    results.textContent = '';
    matches = q ? nodes.filter(function (n) { return n.keys.some(function (k) { return k.indexOf(q) >= 0; }); }) : [];
    matches.slice(0, 30).forEach(function (n) {
      var li = el('li'), st = NT[n.type] || {};
      var sw = el('span', null, 'swatch'); sw.style.background = st.fill; sw.style.borderColor = st.stroke;
      li.appendChild(sw);
      var name = el('span', (n.show || n.label) + (n.en ? ' — ' + n.en : '')); name.dir = 'auto';
      li.appendChild(name);
      li.addEventListener('click', function () { results.textContent = ''; select(n, true); });
      results.appendChild(li);
    });
    draw();
  }
  search.addEventListener('input', runSearch);
  search.addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter' && matches.length) { results.textContent = ''; select(matches[0], true); }
    if (ev.key === 'Escape') { search.value = ''; runSearch(); }
  });

  var typesBox = document.getElementById('types');
  function syncTypes() {
    typesBox.querySelectorAll('input').forEach(function (box) { box.checked = !hidden[box.value]; });
  }
  Object.keys(NT).forEach(function (t) {
    if (!nodes.some(function (n) { return n.type === t; })) { return; }
    var lab = el('label'), box = el('input'), st = NT[t];
    box.type = 'checkbox'; box.value = t; box.checked = !hidden[t];
    box.addEventListener('change', function () {
      hidden[t] = !box.checked;
      if (selected && hidden[selected.type]) { select(null); }
      layout(120); draw();
    });
    var sw = el('span', null, 'swatch'); sw.style.background = st.fill; sw.style.borderColor = st.stroke;
    lab.appendChild(box); lab.appendChild(sw); lab.appendChild(document.createTextNode(st.ar + ' ' + st.en));
    typesBox.appendChild(lab);
  });

  var etypesBox = document.getElementById('etypes');
  Object.keys(ET).forEach(function (t) {
    if (!edges.some(function (e) { return e.type === t; })) { return; }
    var lab = el('label'), box = el('input'), st = ET[t];
    box.type = 'checkbox'; box.value = t; box.checked = true;
    box.addEventListener('change', function () { hiddenEdge[t] = !box.checked; draw(); });
    var sw = el('span', null, 'line'); sw.style.borderColor = st.color;
    if (st.style === 'dashed' || st.style === 'dotted') { sw.style.borderTopStyle = st.style; }
    lab.appendChild(box); lab.appendChild(sw); lab.appendChild(document.createTextNode(st.ar + ' ' + st.en));
    etypesBox.appendChild(lab);
  });
  ['from', 'to'].forEach(function (k) {
    var input = document.getElementById(k);
    input.addEventListener('change', function () {
      range[k] = input.value.trim();
      if (selected && !visible(selected)) { select(null); }
      layout(120); draw();
    });
  });

  window.addEventListener('resize', function () { resize(); draw(); });

  resize();
  layout();
  fit();
  draw();

  var hash = decodeURIComponent((location.hash || '').slice(1));
  var byId = function (id) { return nodes.filter(function (n) { return n.id === id; })[0]; };
  if (hash.indexOf('select=') === 0) {
    select(byId(hash.slice(7)), false);
  } else if (hash.indexOf('click=') === 0) {
    var target = byId(hash.slice(6));
    if (target) {
      if (hidden[target.type]) { hidden[target.type] = false; syncTypes(); layout(120); fit(); draw(); }
      var r = canvas.getBoundingClientRect(), s = toScreen(target);
      var init = { clientX: r.left + s.x, clientY: r.top + s.y, bubbles: true, pointerId: 1, button: 0, isPrimary: true };
      canvas.dispatchEvent(new PointerEvent('pointerdown', init));
      canvas.dispatchEvent(new PointerEvent('pointerup', init));
    }
  } else if (hash.indexOf('from=') === 0 || hash.indexOf('to=') === 0 || hash.indexOf('hide=') === 0) {
    // `#from=2024&to=2025-06&hide=about,said`: a date range and hidden edge types.
    hash.split('&').forEach(function (kv) {
      var p = kv.split('='), k = p[0], v = p.slice(1).join('=');
      if (k === 'from' || k === 'to') { range[k] = v; document.getElementById(k).value = v; }
      if (k === 'hide') { v.split(',').forEach(function (t) { hiddenEdge[t] = true; }); }
    });
    etypesBox.querySelectorAll('input').forEach(function (box) { box.checked = !hiddenEdge[box.value]; });
    layout(120); fit(); draw();
  } else if (hash.indexOf('q=') === 0) {
    search.value = hash.slice(2);
    runSearch();
  }
})();
</script>
</body>
</html>
"##;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, EdgeType, Node};

    #[test]
    fn snippets_cut_the_sentence_around_the_span() {
        let text = "جملة أولى. وقال عراقجي إن المحادثات جادة. جملة ثالثة.";
        let start = text.find("عراقجي").unwrap();
        let ev = Evidence {
            doc: "d".into(),
            start,
            end: start + "عراقجي".len(),
        };
        let docs = HashMap::from([("d".to_string(), text.to_string())]);
        let mut s = Snippets {
            docs: &docs,
            sentences: HashMap::new(),
        };
        let v = s.of(&ev);
        assert_eq!(v["pre"], "وقال ");
        assert_eq!(v["hit"], "عراقجي");
        assert_eq!(v["post"], " إن المحادثات جادة.");
    }

    #[test]
    fn unknown_text_or_bad_offsets_keep_only_the_reference() {
        let docs = HashMap::from([("d".to_string(), "عمان".to_string())]);
        let mut s = Snippets {
            docs: &docs,
            sentences: HashMap::new(),
        };
        // Offset 1 falls inside a two-byte letter.
        for ev in [
            Evidence {
                doc: "d".into(),
                start: 1,
                end: 2,
            },
            Evidence {
                doc: "x".into(),
                start: 0,
                end: 2,
            },
        ] {
            let v = s.of(&ev);
            assert!(v.get("hit").is_none());
            assert_eq!(v["start"], ev.start);
        }
    }

    #[test]
    fn data_cannot_close_the_script() {
        let mut g = Graph::default();
        g.add_node(Node::new(
            "person:x",
            NodeType::Person,
            "</script><script>alert(1)</script>",
        ));
        g.add_node(Node::new("state:OM", NodeType::State, "عمان"));
        g.add_edge(Edge::new("person:x", EdgeType::AffiliatedWith, "state:OM"));
        let mut out = Vec::new();
        write_html(&g, &HashMap::new(), &mut out).unwrap();
        let html = String::from_utf8(out).unwrap();
        assert_eq!(
            html.matches("</script>").count(),
            2,
            "only the page's own two scripts close"
        );
        assert!(html.contains("\\u003c/script>\\u003cscript>alert(1)"));
    }

    #[test]
    fn clipping_keeps_char_boundaries() {
        assert_eq!(keep_start("عمانية", 3), "عما…");
        assert_eq!(keep_end("عمانية", 2), "…ية");
        assert_eq!(keep_end("ab", 5), "ab");
    }
}
