//! Diagrams and the HTML viewer, on a small hand-made graph
//! (`tests/fixtures/diagram_graph.json`): talks in Rome between Iran and the United
//! States, mediated by Oman and its foreign minister, hosted by Italy, with one claim.
//!
//! DOT is checked by structure (and parsed back); `wasit render` is run for SVG,
//! PNG and PDF through Graphviz; the viewer is loaded in headless Chromium. Tests
//! that need an outside tool skip when it is missing, except in CI.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use wasit::export::dot::{to_dot, DiagramOptions, Labels, View};
use wasit::model::Graph;

/// The article the fixture's evidence offsets point into (document `rome.txt`).
const ROME: &str = "روما (رويترز) - عُقدت في روما يوم السبت الجولة 2 من المحادثات بين إيران والولايات المتحدة بوساطة سلطنة عُمان، واستضافتها إيطاليا. وقال وزير الخارجية الإيراني عباس عراقجي إن \"المحادثات كانت بناءة\". وترأس الوفد الأمريكي المبعوث الخاص ستيف ويتكوف، فيما نقل وزير الخارجية العماني بدر البوسعيدي الرسائل بين الوفدين.";

const MEETING: &str = "meeting:rome-2025-04-19";

fn fixture_path() -> PathBuf {
    common::root().join("tests/fixtures/diagram_graph.json")
}

fn fixture() -> Graph {
    let text = std::fs::read_to_string(fixture_path()).expect("fixture");
    Graph::from_json(&text).expect("fixture parses")
}

fn dot(options: DiagramOptions) -> String {
    to_dot(&fixture(), &options).expect("dot")
}

/// The node ids a DOT text declares, legend excepted.
fn dot_nodes(dot: &str) -> Vec<String> {
    let mut ids: Vec<String> = dot
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with('"') && !l.contains(" -> ") && !l.starts_with("\"wasit-legend"))
        .filter_map(|l| l[1..].split('"').next().map(str::to_string))
        .collect();
    ids.sort();
    ids
}

/// The attribute list of the DOT line that starts with `head`.
fn dot_line<'a>(dot: &'a str, head: &str) -> &'a str {
    dot.lines()
        .map(str::trim)
        .find(|l| l.starts_with(head))
        .unwrap_or_else(|| panic!("no line {head} in\n{dot}"))
}

#[test]
fn fixture_offsets_point_at_their_words() {
    let g = fixture();
    for n in g.nodes() {
        for ev in &n.evidence {
            let got = &ROME[ev.start..ev.end];
            assert!(
                wasit::text::fold_key(got).contains(&wasit::text::fold_key(&n.label)),
                "{}: evidence {got:?}",
                n.id
            );
        }
    }
}

#[test]
fn dot_names_the_arabic_font_on_graph_nodes_and_edges() {
    let dot = dot(DiagramOptions::default());
    for head in ["graph[", "node[", "edge["] {
        assert!(
            dot_line(&dot, head).contains("fontname=\"Noto Sans Arabic\""),
            "{head}"
        );
    }
    graphviz_rust::parse(&dot).unwrap_or_else(|e| panic!("invalid DOT: {e}\n{dot}"));
}

#[test]
fn dot_draws_types_meetings_and_mediators_apart() {
    let dot = dot(DiagramOptions::default());
    let meeting = dot_line(&dot, &format!("\"{MEETING}\"["));
    assert!(meeting.contains("shape=\"hexagon\""), "{meeting}");
    // Arabic-first with a digit: isolated; the date on its own line.
    assert!(
        meeting.contains(
            "label=\"\u{2067}الجولة \u{2066}2\u{2069} من المحادثات\u{2069}\\n2025-04-19\""
        ),
        "{meeting}"
    );
    assert!(dot_line(&dot, "\"state:IR\"[").contains("shape=\"box\""));
    assert!(dot_line(&dot, "\"person:araghchi\"[").contains("shape=\"ellipse\""));
    assert!(dot_line(&dot, "\"place:rome\"[").contains("shape=\"house\""));

    let mediates = dot_line(&dot, &format!("\"state:OM\" -> \"{MEETING}\""));
    let party = dot_line(&dot, &format!("\"state:IR\" -> \"{MEETING}\""));
    let hosts = dot_line(&dot, &format!("\"state:IT\" -> \"{MEETING}\""));
    assert!(
        mediates.contains("label=\"وسيط\"") && mediates.contains("penwidth=\"4\""),
        "{mediates}"
    );
    assert!(party.contains("label=\"طرف\""), "{party}");
    let color = |l: &str| l.split("color=\"").nth(1).map(|c| c[..7].to_string());
    assert_ne!(color(mediates), color(party));
    assert_ne!(color(hosts), color(party));
    // A mediating minister is outlined like his state's mediation.
    assert!(dot_line(&dot, "\"person:albusaidi\"[").contains("color=\"#ea580c\""));
    // Roles label the affiliations; a legend explains the rest.
    assert!(dot.contains("label=\"المبعوث الخاص\""));
    assert!(dot.contains("\"wasit-legend\"[label=<<table"));
    assert!(dot.contains("subgraph cluster_state_"));
}

#[test]
fn views_keep_diagrams_small() {
    let all = dot_nodes(&dot(DiagramOptions::default()));
    assert_eq!(all.len(), 10);
    assert!(!all.iter().any(|id| id.starts_with("claim:")));

    let med = dot_nodes(&dot(DiagramOptions {
        view: View::Mediators,
        ..DiagramOptions::default()
    }));
    assert_eq!(
        med,
        [
            MEETING,
            "person:albusaidi",
            "state:IR",
            "state:IT",
            "state:OM",
            "state:US"
        ]
    );

    let people = dot_nodes(&dot(DiagramOptions {
        view: View::People,
        ..DiagramOptions::default()
    }));
    assert_eq!(
        people,
        [
            "person:albusaidi",
            "person:araghchi",
            "person:witkoff",
            "state:IR",
            "state:OM",
            "state:US"
        ]
    );

    let claims = dot_nodes(&dot(DiagramOptions {
        view: View::Claims,
        ..DiagramOptions::default()
    }));
    assert_eq!(
        claims,
        [
            "claim:constructive",
            MEETING,
            "org:reuters",
            "person:araghchi"
        ]
    );
}

#[test]
fn focus_draws_an_ego_network() {
    let focus = |q: &str, depth| {
        dot_nodes(&dot(DiagramOptions {
            focus: Some(q.into()),
            depth,
            ..DiagramOptions::default()
        }))
    };
    // Folded alias match (عِراقجي → عراقجي), one step: his state.
    assert_eq!(focus("عِراقجي", 1), ["person:araghchi", "state:IR"]);
    assert_eq!(focus("عراقجي", 2), [MEETING, "person:araghchi", "state:IR"]);
    assert_eq!(focus("Oman", 0), ["state:OM"]);
    assert!(to_dot(
        &fixture(),
        &DiagramOptions {
            focus: Some("لا أحد".into()),
            ..DiagramOptions::default()
        }
    )
    .is_err());
}

#[test]
fn labels_in_english_or_both() {
    let en = dot(DiagramOptions {
        labels: Labels::En,
        ..DiagramOptions::default()
    });
    assert!(en.contains("label=\"Abbas Araghchi\""));
    assert!(en.contains("label=\"mediator\""));
    let both = dot(DiagramOptions {
        labels: Labels::Both,
        ..DiagramOptions::default()
    });
    assert!(both.contains("label=\"عباس عراقجي\\nAbbas Araghchi\""));
}

#[test]
fn render_none_writes_dot_and_a_bad_focus_names_the_file() {
    let dir = common::tempdir();
    let out = dir.path().join("g.dot");
    let o = common::wasit()
        .arg("render")
        .arg(fixture_path())
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .starts_with("digraph wasit {"));

    let o = common::wasit()
        .arg("render")
        .arg(fixture_path())
        .args(["--render", "none", "--focus", "nobody", "--out"])
        .arg(dir.path().join("x.dot"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err.contains("diagram_graph.json") && err.contains("no node matches"),
        "{err}"
    );

    let o = common::wasit()
        .arg("render")
        .arg(dir.path().join("missing.json"))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&o.stderr).contains("missing.json"));
}

/// Runs `wasit render FIXTURE ARGS…`, panicking with stderr on failure.
fn render(args: &[&str], out: &Path) {
    let o = common::wasit()
        .arg("render")
        .arg(fixture_path())
        .args(args)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "wasit render failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// The `(font-family, text)` of every `<text>` element of an SVG, entities undone.
fn svg_texts(svg: &str) -> Vec<(String, String)> {
    svg.split("<text ")
        .skip(1)
        .filter_map(|t| {
            let (attrs, rest) = t.split_once('>')?;
            let text = rest.split("</text>").next()?;
            let family = attrs
                .split("font-family=\"")
                .nth(1)?
                .split('"')
                .next()?
                .to_string();
            let text = text
                .replace("&#45;", "-")
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">");
            Some((family, text))
        })
        .collect()
}

#[test]
fn svg_keeps_arabic_labels_as_text_in_the_arabic_font() {
    if !common::require("graphviz", &["dot", "-V"]) {
        return;
    }
    let dir = common::tempdir();
    let out = dir.path().join("rome.svg");
    render(&[], &out);
    let svg = std::fs::read_to_string(&out).unwrap();
    let texts = svg_texts(&svg);
    assert!(texts.len() > 20, "{texts:?}");
    for (family, text) in &texts {
        assert_eq!(family, "Noto Sans Arabic", "{text}");
    }
    let all: Vec<&str> = texts.iter().map(|(_, t)| t.as_str()).collect();
    for want in [
        "إيران",
        "سلطنة عُمان",
        "عباس عراقجي",
        "\u{2067}الجولة \u{2066}2\u{2069} من المحادثات\u{2069}",
        "2025-04-19",
        "وسيط",
    ] {
        assert!(all.contains(&want), "{want:?} not among {all:?}");
    }
    // Written atomically: nothing else left in the folder.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// Width, height and RGBA pixels of a PNG file.
fn decode_png(path: &Path) -> (u32, u32, Vec<[u8; 4]>) {
    let bytes = std::fs::read(path).unwrap();
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(
        png::Transformations::normalize_to_color8() | png::Transformations::ALPHA,
    );
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let pixels = buf[..info.buffer_size()]
        .chunks_exact(channels)
        .map(|p| match p {
            [g, a] => [*g, *g, *g, *a],
            [r, g, b] => [*r, *g, *b, 255],
            [r, g, b, a] => [*r, *g, *b, *a],
            _ => [p[0], p[0], p[0], 255],
        })
        .collect();
    (info.width, info.height, pixels)
}

/// Share of pixels within `tol` of colour `rgb`.
fn share(pixels: &[[u8; 4]], rgb: [u8; 3], tol: i32) -> f64 {
    let n = pixels
        .iter()
        .filter(|p| {
            p[3] > 200 && (0..3).all(|i| (i32::from(p[i]) - i32::from(rgb[i])).abs() <= tol)
        })
        .count();
    n as f64 / pixels.len().max(1) as f64
}

#[test]
fn png_has_the_expected_size_and_is_drawn() {
    if !common::require("graphviz", &["dot", "-V"]) {
        return;
    }
    let dir = common::tempdir();
    let out = dir.path().join("rome.png");
    render(&["--render", "png"], &out);
    let (w, h, pixels) = decode_png(&out);
    // Measured with graphviz 2.43 and Noto Sans Arabic (Debian 12): 1130 × 878.
    assert!(
        (1000..=1300).contains(&w) && (750..=1000).contains(&h),
        "{w} × {h}"
    );
    let white = share(&pixels, [255, 255, 255], 2);
    assert!((0.5..0.97).contains(&white), "white share {white}");
    // Mediation edges (orange), meetings (rose fill) and states (amber fill) are drawn.
    assert!(
        share(&pixels, [0xea, 0x58, 0x0c], 20) > 0.0005,
        "no mediation orange"
    );
    assert!(
        share(&pixels, [0xfe, 0xe2, 0xe2], 3) > 0.002,
        "no meeting fill"
    );
    assert!(
        share(&pixels, [0xfe, 0xf3, 0xc7], 3) > 0.005,
        "no state fill"
    );
    // Dark text pixels: labels were drawn.
    assert!(share(&pixels, [0, 0, 0], 60) > 0.001, "no text");
}

/// A one-person graph drawn to PNG; returns the file's pixels.
fn person_png(dir: &Path, name: &str, label: &str) -> Vec<[u8; 4]> {
    let mut g = Graph::default();
    g.add_node(wasit::model::Node::new(
        "person:x",
        wasit::model::NodeType::Person,
        label,
    ));
    let out = dir.join(format!("{name}.png"));
    let dot = to_dot(&g, &DiagramOptions::default()).unwrap();
    wasit::export::render::render(&dot, wasit::export::render::DiagramFormat::Png, &out).unwrap();
    decode_png(&out).2
}

#[test]
fn png_shapes_arabic_right_to_left() {
    if !common::require("graphviz", &["dot", "-V"]) {
        return;
    }
    let dir = common::tempdir();
    // محمد drawn from its letters must look exactly like its contextual forms
    // (presentation forms: initial meem, medial hah, medial meem, final dal) in
    // logical order: joined and right to left. gd draws them differently.
    let logical = person_png(dir.path(), "logical", "محمد");
    let shaped = person_png(dir.path(), "shaped", "\u{fee3}\u{fea4}\u{fee4}\u{feaa}");
    let reversed = person_png(dir.path(), "reversed", "\u{feaa}\u{fee4}\u{fea4}\u{fee3}");
    assert!(
        logical == shaped,
        "Arabic is not shaped like its contextual forms"
    );
    assert!(
        logical != reversed,
        "the comparison cannot tell the order apart"
    );
}

#[test]
fn pdf_embeds_the_arabic_font() {
    if !common::require("graphviz", &["dot", "-V"]) {
        return;
    }
    let dir = common::tempdir();
    let out = dir.path().join("rome.pdf");
    render(&["--view", "mediators", "--labels", "both"], &out);
    let pdf = std::fs::read(&out).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    assert!(
        pdf.windows(14).any(|w| w == b"NotoSansArabic"),
        "Noto Sans Arabic not embedded"
    );
}

/// Runs headless Chromium on `url` with `extra` flags; returns stdout.
fn chromium(url: &str, extra: &[String]) -> String {
    let profile = common::tempdir();
    let o = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1200,800",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(url)
        .output()
        .expect("run chromium");
    assert!(
        o.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The viewer's JSON summary in a dumped DOM.
fn summary(dom: &str) -> serde_json::Value {
    let start = dom.find("id=\"wasit-summary\"").expect("summary element");
    let text = &dom[start..];
    let text = &text[text.find('>').unwrap() + 1..text.find("</pre>").unwrap()];
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("summary {text}: {e}"))
}

fn write_viewer(dir: &Path) -> PathBuf {
    let docs = HashMap::from([("rome.txt".to_string(), ROME.to_string())]);
    let mut html = Vec::new();
    wasit::export::html::write_html(&fixture(), &docs, &mut html).unwrap();
    let text = String::from_utf8(html.clone()).unwrap();
    // One offline file: nothing fetched.
    for outside in [
        "<script src",
        "<link",
        "url(",
        "@import",
        "http://",
        "https://",
    ] {
        assert!(!text.contains(outside), "{outside}");
    }
    let path = dir.join("viewer.html");
    std::fs::write(&path, html).unwrap();
    path
}

#[test]
fn html_viewer_draws_the_graph_in_chromium() {
    if !common::require("chromium", &["chromium", "--version"]) {
        return;
    }
    let dir = common::tempdir();
    let page = write_viewer(dir.path());
    let url = format!("file://{}", page.display());

    let dom = chromium(&url, &["--dump-dom".into()]);
    let s = summary(&dom);
    assert_eq!(s["nodes"], 11);
    assert_eq!(s["edges"], 13);
    assert_eq!(s["visible"], 10, "claims start hidden");
    assert_eq!(s["placed"], true);
    let labels: Vec<&str> = s["labels"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    for want in [
        "إيران",
        "الولايات المتحدة",
        "سلطنة عُمان",
        "إيطاليا",
        "عباس عراقجي",
        "الجولة 2 من المحادثات",
    ] {
        assert!(labels.contains(&want), "{want} not drawn: {labels:?}");
    }

    let shot = dir.path().join("viewer.png");
    chromium(&url, &[format!("--screenshot={}", shot.display())]);
    let (w, h, pixels) = decode_png(&shot);
    assert_eq!((w, h), (1200, 800));
    let white = share(&pixels, [255, 255, 255], 2);
    assert!(white < 0.97, "blank screenshot ({white} white)");
    assert!(
        share(&pixels, [0xfe, 0xf3, 0xc7], 3) > 0.0005,
        "no state drawn"
    );
    assert!(
        share(&pixels, [0xea, 0x58, 0x0c], 25) > 0.0002,
        "no mediation edge drawn"
    );
}

#[test]
fn html_viewer_shows_evidence_of_a_clicked_node() {
    if !common::require("chromium", &["chromium", "--version"]) {
        return;
    }
    let dir = common::tempdir();
    let page = write_viewer(dir.path());
    // `#click=` clicks where the node is drawn: hit testing, then the evidence panel.
    let dom = chromium(
        &format!("file://{}#click=person:araghchi", page.display()),
        &["--dump-dom".into()],
    );
    let s = summary(&dom);
    assert_eq!(s["selected"], "person:araghchi");
    assert!(s["evidenceShown"].as_u64().unwrap() >= 1);
    assert!(
        dom.contains("<mark>عباس عراقجي</mark>"),
        "evidence sentence not shown"
    );
    assert!(dom.contains("وقال وزير الخارجية الإيراني "));

    // Search folds like fold_key: ى for ي, no diacritics.
    let query = "عِراقجى";
    let dom = chromium(
        &format!("file://{}#q={query}", page.display()),
        &["--dump-dom".into()],
    );
    let s = summary(&dom);
    assert_eq!(s["matches"], serde_json::json!(["person:araghchi"]));
}

/// The viewer `wasit build --format html` writes, in Chromium: a click on a person
/// shows its evidence sentence from the seeds (the build passes the documents'
/// texts), and a date range hides the meetings outside it.
#[test]
fn built_viewer_shows_seed_evidence_after_a_click() {
    if !common::require("chromium", &["chromium", "--version"]) {
        return;
    }
    let dir = common::tempdir();
    let out = dir.path().join("out");
    common::build(
        &[&common::root().join("seeds")],
        &out,
        &["--format", "html"],
    );
    let page = out.join("graph.html");
    let dom = chromium(
        &format!("file://{}#click=person:عباس_عراقجي", page.display()),
        &["--dump-dom".into()],
    );
    let s = summary(&dom);
    assert_eq!(s["selected"], "person:عباس_عراقجي");
    assert!(s["evidenceShown"].as_u64().unwrap() >= 1);
    assert!(
        dom.contains("<mark>عباس عراقجي</mark>"),
        "no evidence sentence after the click"
    );
    assert!(dom.contains("وترأس الوفد الإيراني في المفاوضات وزير الخارجية "));

    let all = summary(&chromium(
        &format!("file://{}", page.display()),
        &["--dump-dom".into()],
    ));
    let dom = chromium(
        &format!("file://{}#from=2026&hide=about", page.display()),
        &["--dump-dom".into()],
    );
    let s = summary(&dom);
    assert_eq!(s["range"]["from"], "2026");
    assert_eq!(s["hiddenEdgeTypes"], serde_json::json!(["about"]));
    let (before, after) = (
        all["visible"].as_u64().unwrap(),
        s["visible"].as_u64().unwrap(),
    );
    // Seven of the eight meetings are dated before 2026.
    assert_eq!(before - after, 7, "date range: {before} → {after} nodes");
}
