//! `wasit render`: draw a graph.json through Graphviz (SVG, PNG or PDF), or write
//! its DOT with `--render none` or an `--out` ending in `.dot`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use wasit::export::dot::{self, DiagramOptions};
use wasit::export::render::{self as gv, DiagramFormat};

use crate::cli::{DiagramArgs, Labels, RenderArgs, RenderFormat, View};

/// What to write: a diagram through Graphviz, or the DOT text itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Diagram(DiagramFormat),
    Dot,
}

/// Runs `wasit render`.
pub fn run(args: RenderArgs) -> anyhow::Result<ExitCode> {
    let graph = super::read_graph(&args.graph)?;
    let options = diagram_options(&args.diagram);
    let (target, out) = target_and_path(&args.graph, args.out.as_deref(), args.format);

    // A focus that names nothing is the user's mistake: say so before running Graphviz.
    let dot = dot::to_dot(&graph, &options)
        .with_context(|| format!("{}: --focus", args.graph.display()))?;
    match target {
        Target::Dot => {
            wasit::export::atomic::write_file(&out, |w| w.write_all(dot.as_bytes()))
                .with_context(|| format!("{}: cannot write", out.display()))?;
        }
        Target::Diagram(format) => {
            if !gv::arabic_font_available() {
                eprintln!(
                    "wasit: warning: the font {:?} is not installed (Debian: fonts-noto-core); Arabic may be drawn with a fallback font",
                    dot::ARABIC_FONT
                );
            }
            gv::render(&dot, format, &out)?;
            if let Some(warning) = gv::size_warning(&out) {
                eprintln!("wasit: {warning}");
            }
        }
    }
    eprintln!("wasit: wrote {}", out.display());
    Ok(ExitCode::SUCCESS)
}

/// The diagram options of the command line, in the library's terms.
pub fn diagram_options(args: &DiagramArgs) -> DiagramOptions {
    DiagramOptions {
        view: match args.view {
            View::All => dot::View::All,
            View::Mediators => dot::View::Mediators,
            View::People => dot::View::People,
            View::Claims => dot::View::Claims,
        },
        focus: args.focus.clone(),
        depth: args.depth,
        labels: match args.labels {
            Labels::Ar => dot::Labels::Ar,
            Labels::En => dot::Labels::En,
            Labels::Both => dot::Labels::Both,
        },
    }
}

/// The library's diagram format for a `--render` value (`None` for `--render none`).
pub fn diagram_format(format: RenderFormat) -> Option<DiagramFormat> {
    match format {
        RenderFormat::Svg => Some(DiagramFormat::Svg),
        RenderFormat::Png => Some(DiagramFormat::Png),
        RenderFormat::Pdf => Some(DiagramFormat::Pdf),
        RenderFormat::None => None,
    }
}

/// What to write and where: `--render` wins; else the extension of `--out` (`.dot`
/// writes DOT); else SVG. Without `--out`, the file sits beside the graph with the
/// format's extension (`graph.json` → `graph.svg`).
fn target_and_path(
    graph: &Path,
    out: Option<&Path>,
    format: Option<RenderFormat>,
) -> (Target, PathBuf) {
    let from_ext = out
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .and_then(|e| {
            if e.eq_ignore_ascii_case("dot") || e.eq_ignore_ascii_case("gv") {
                Some(Target::Dot)
            } else {
                DiagramFormat::from_extension(e).map(Target::Diagram)
            }
        });
    let target = match format {
        Some(f) => diagram_format(f).map_or(Target::Dot, Target::Diagram),
        None => from_ext.unwrap_or(Target::Diagram(DiagramFormat::Svg)),
    };
    let path = match out {
        Some(p) => p.to_path_buf(),
        None => graph.with_extension(match target {
            Target::Diagram(f) => f.extension(),
            Target::Dot => "dot",
        }),
    };
    (target, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_comes_from_the_flag_then_the_extension() {
        let g = Path::new("out/graph.json");
        assert_eq!(
            target_and_path(g, None, None),
            (Target::Diagram(DiagramFormat::Svg), "out/graph.svg".into())
        );
        assert_eq!(
            target_and_path(g, Some(Path::new("x.PNG")), None),
            (Target::Diagram(DiagramFormat::Png), "x.PNG".into())
        );
        assert_eq!(
            target_and_path(g, Some(Path::new("x.dot")), None),
            (Target::Dot, "x.dot".into())
        );
        assert_eq!(
            target_and_path(g, None, Some(RenderFormat::None)),
            (Target::Dot, "out/graph.dot".into())
        );
        assert_eq!(
            target_and_path(g, Some(Path::new("x.svg")), Some(RenderFormat::Pdf)),
            (Target::Diagram(DiagramFormat::Pdf), "x.svg".into())
        );
    }
}
