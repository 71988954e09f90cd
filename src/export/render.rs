//! Export stage: DOT text rendered to SVG, PNG or PDF by Graphviz's `dot`.
//!
//! SVG uses the core renderer (`-Tsvg`): labels stay `<text>` in the font the DOT
//! names, and the viewer shapes them. PNG and PDF use cairo (`-Tpng:cairo`,
//! `-Tpdf:cairo`), which shapes Arabic right to left with joined letters when the
//! DOT names an Arabic font. The gd renderer draws Arabic wrongly and is never used.
//!
//! Output is written atomically: `dot` renders into a temporary file in the target's
//! folder, which is then renamed over the target.

use std::fmt;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::model::Graph;

use super::dot::{to_dot, DiagramOptions, NoSuchNode, ARABIC_FONT};

/// The Graphviz program run.
const DOT: &str = "dot";

/// A diagram format Graphviz renders.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DiagramFormat {
    /// SVG with labels as text (`-Tsvg`).
    Svg,
    /// PNG through cairo and pango (`-Tpng:cairo`).
    Png,
    /// PDF through cairo and pango (`-Tpdf:cairo`).
    Pdf,
}

impl DiagramFormat {
    /// The format a file extension names (`svg`, `png`, `pdf`, any case).
    ///
    /// ```
    /// use wasit::export::render::DiagramFormat;
    /// assert_eq!(DiagramFormat::from_extension("PNG"), Some(DiagramFormat::Png));
    /// assert_eq!(DiagramFormat::from_extension("dot"), None);
    /// ```
    pub fn from_extension(ext: &str) -> Option<DiagramFormat> {
        match ext.to_ascii_lowercase().as_str() {
            "svg" => Some(DiagramFormat::Svg),
            "png" => Some(DiagramFormat::Png),
            "pdf" => Some(DiagramFormat::Pdf),
            _ => None,
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            DiagramFormat::Svg => "svg",
            DiagramFormat::Png => "png",
            DiagramFormat::Pdf => "pdf",
        }
    }

    /// The `-T` argument given to `dot`.
    pub fn graphviz_arg(self) -> &'static str {
        match self {
            DiagramFormat::Svg => "-Tsvg",
            DiagramFormat::Png => "-Tpng:cairo",
            DiagramFormat::Pdf => "-Tpdf:cairo",
        }
    }
}

impl fmt::Display for DiagramFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

/// Why a diagram could not be rendered; every variant names the output file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RenderError {
    /// Graphviz's `dot` could not be started.
    #[error("{}: cannot run Graphviz `dot` ({error}); install graphviz and fonts-noto-core, or use --render none", path.display())]
    NotInstalled {
        /// The file that was to be written.
        path: PathBuf,
        /// What starting it said.
        error: io::Error,
    },
    /// `dot` ran and failed.
    #[error("{}: Graphviz `dot {arg}` failed ({status}): {stderr}", path.display())]
    Graphviz {
        /// The file that was to be written.
        path: PathBuf,
        /// The `-T` argument.
        arg: &'static str,
        /// Its exit status.
        status: String,
        /// What it wrote on stderr.
        stderr: String,
    },
    /// Reading or writing a file failed.
    #[error("{}: {error}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        error: io::Error,
    },
    /// The focus of the diagram names no node.
    #[error("{}: {error}", path.display())]
    Focus {
        /// The file that was to be written.
        path: PathBuf,
        /// The error.
        error: NoSuchNode,
    },
}

/// True when Graphviz's `dot` can be run.
pub fn dot_available() -> bool {
    Command::new(DOT)
        .arg("-V")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// True when fontconfig knows the Arabic font the diagrams name (when `fc-list`
/// cannot be run, true: nothing can be said).
pub fn arabic_font_available() -> bool {
    match Command::new("fc-list")
        .arg(format!(":family={ARABIC_FONT}"))
        .stderr(Stdio::null())
        .output()
    {
        Ok(out) if out.status.success() => !out.stdout.trim_ascii().is_empty(),
        _ => true,
    }
}

/// Renders DOT text to `out` in `format` with Graphviz, atomically.
///
/// # Errors
/// [`RenderError::NotInstalled`] when `dot` cannot be started,
/// [`RenderError::Graphviz`] when it fails, [`RenderError::Io`] when the file
/// cannot be written.
pub fn render(dot: &str, format: DiagramFormat, out: &Path) -> Result<(), RenderError> {
    let io_err = |error: io::Error| RenderError::Io {
        path: out.to_path_buf(),
        error,
    };
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(io_err)?;
    let tmp = tempfile::Builder::new()
        .prefix(".wasit-")
        .suffix(&format!(".{}", format.extension()))
        .tempfile_in(dir)
        .map_err(io_err)?;

    let mut child = Command::new(DOT)
        .arg(format.graphviz_arg())
        .arg("-o")
        .arg(tmp.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| RenderError::NotInstalled {
            path: out.to_path_buf(),
            error,
        })?;

    // Feed stdin and drain stderr at the same time, so that neither pipe can fill up.
    let mut stdin = child.stdin.take();
    let mut stderr_pipe = child.stderr.take();
    let (written, stderr) = std::thread::scope(|s| {
        let reader = s.spawn(move || {
            let mut buf = Vec::new();
            if let Some(p) = stderr_pipe.as_mut() {
                // Whatever could be read is enough for the message.
                let _ = p.read_to_end(&mut buf);
            }
            buf
        });
        let written = match stdin.as_mut() {
            Some(p) => p.write_all(dot.as_bytes()),
            None => Ok(()),
        };
        drop(stdin.take());
        (written, reader.join().unwrap_or_default())
    });
    let status = child.wait().map_err(io_err)?;
    let stderr = String::from_utf8_lossy(&stderr).trim().to_string();
    if !status.success() {
        return Err(RenderError::Graphviz {
            path: out.to_path_buf(),
            arg: format.graphviz_arg(),
            status: status.to_string(),
            stderr,
        });
    }
    // `dot` succeeded, so it read everything; a broken pipe here would be odd.
    written.map_err(io_err)?;
    let len = tmp.as_file().metadata().map_err(io_err)?.len();
    if len == 0 {
        return Err(RenderError::Graphviz {
            path: out.to_path_buf(),
            arg: format.graphviz_arg(),
            status: status.to_string(),
            stderr: if stderr.is_empty() {
                "empty output".into()
            } else {
                stderr
            },
        });
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(super::atomic::FILE_MODE))
            .map_err(io_err)?;
    }
    tmp.persist(out).map_err(|e| io_err(e.error))?;
    Ok(())
}

/// The largest side, in pixels, of a bitmap cairo draws: past it, Graphviz scales
/// the whole diagram down to fit, and a large graph comes out illegible.
pub const CAIRO_MAX_PX: u32 = 32_767;
/// A side past which a diagram is hard to read on a screen, whatever the renderer.
pub const LARGE_PX: u32 = 10_000;

/// Width and height of a PNG (from its header) or an SVG (its `width`/`height` in
/// points, at 96 px to the inch); `None` for other files or unreadable headers.
///
/// ```
/// use wasit::export::render::diagram_size;
/// let dir = tempfile::tempdir().unwrap();
/// let svg = dir.path().join("d.svg");
/// std::fs::write(&svg, r#"<svg width="750pt" height="300pt" viewBox="0 0 750 300">"#).unwrap();
/// assert_eq!(diagram_size(&svg), Some((1000, 400)));
/// ```
pub fn diagram_size(path: &Path) -> Option<(u32, u32)> {
    let mut head = vec![0u8; 4096];
    let n = std::fs::File::open(path).ok()?.read(&mut head).ok()?;
    let head = &head[..n];
    if head.len() >= 24 && head.starts_with(b"\x89PNG\r\n\x1a\n") {
        let be = |i: usize| u32::from_be_bytes([head[i], head[i + 1], head[i + 2], head[i + 3]]);
        return Some((be(16), be(20)));
    }
    let text = String::from_utf8_lossy(head);
    let svg = &text[text.find("<svg")?..];
    let svg = &svg[..svg.find('>')?];
    let attr = |name: &str| -> Option<u32> {
        let at = svg.find(&format!(" {name}=\""))? + name.len() + 3;
        let value = &svg[at..at + svg[at..].find('"')?];
        let (number, unit) = value
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .map_or((value, ""), |i| value.split_at(i));
        let number: f64 = number.parse().ok()?;
        let px = if unit == "pt" {
            number * 96.0 / 72.0
        } else {
            number
        };
        Some(px.round() as u32)
    };
    Some((attr("width")?, attr("height")?))
}

/// A warning when the diagram at `path` is too large to read: clamped by cairo
/// (a PNG side at [`CAIRO_MAX_PX`]) or past [`LARGE_PX`] on a side; it says how to
/// draw a part instead.
///
/// ```
/// use wasit::export::render::size_warning;
/// assert!(size_warning(std::path::Path::new("missing.png")).is_none());
/// ```
pub fn size_warning(path: &Path) -> Option<String> {
    let (w, h) = diagram_size(path)?;
    let side = w.max(h);
    let what = if side >= CAIRO_MAX_PX {
        "scaled down to cairo's 32,767 px limit and illegible"
    } else if side > LARGE_PX {
        "too large to read"
    } else {
        return None;
    };
    let png = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("png"));
    Some(format!(
        "warning: {}: {w}×{h} px, {what}: draw a part (--view mediators, --view people, \
         --focus NODE --depth 1){}",
        path.display(),
        if png { " or render SVG" } else { "" }
    ))
}

/// Draws a graph to `out`: the DOT of [`to_dot`] rendered by [`render`].
///
/// ```no_run
/// use wasit::export::dot::DiagramOptions;
/// use wasit::export::render::{render_graph, DiagramFormat};
/// let graph = wasit::model::Graph::default();
/// render_graph(&graph, &DiagramOptions::default(), DiagramFormat::Png, "graph.png".as_ref()).unwrap();
/// ```
///
/// # Errors
/// [`RenderError::Focus`] when the focus names no node, else those of [`render`].
pub fn render_graph(
    graph: &Graph,
    options: &DiagramOptions,
    format: DiagramFormat,
    out: &Path,
) -> Result<(), RenderError> {
    let dot = to_dot(graph, options).map_err(|error| RenderError::Focus {
        path: out.to_path_buf(),
        error,
    })?;
    render(&dot, format, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_headers_give_the_size_and_clamped_bitmaps_warn() {
        let dir = tempfile::tempdir().unwrap();
        let png = |w: u32, h: u32| {
            let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
            b.extend_from_slice(&w.to_be_bytes());
            b.extend_from_slice(&h.to_be_bytes());
            b.extend_from_slice(&[8, 6, 0, 0, 0]);
            b
        };
        let small = dir.path().join("small.png");
        std::fs::write(&small, png(1200, 800)).unwrap();
        assert_eq!(diagram_size(&small), Some((1200, 800)));
        assert_eq!(size_warning(&small), None);
        let clamped = dir.path().join("clamped.png");
        std::fs::write(&clamped, png(900, CAIRO_MAX_PX)).unwrap();
        assert!(size_warning(&clamped).unwrap().contains("32,767"));
        let tall = dir.path().join("tall.png");
        std::fs::write(&tall, png(900, 16_000)).unwrap();
        assert!(size_warning(&tall).unwrap().contains("--focus"));
    }

    #[test]
    fn formats_pick_cairo_for_raster_and_pdf() {
        assert_eq!(DiagramFormat::Svg.graphviz_arg(), "-Tsvg");
        assert_eq!(DiagramFormat::Png.graphviz_arg(), "-Tpng:cairo");
        assert_eq!(DiagramFormat::Pdf.graphviz_arg(), "-Tpdf:cairo");
        for f in [DiagramFormat::Svg, DiagramFormat::Png, DiagramFormat::Pdf] {
            assert_eq!(DiagramFormat::from_extension(f.extension()), Some(f));
        }
    }

    #[test]
    fn a_bad_dot_names_the_file_and_leaves_nothing() {
        if !dot_available() {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("bad.svg");
        let err = render("digraph { a -> }", DiagramFormat::Svg, &out).unwrap_err();
        assert!(err.to_string().contains("bad.svg"), "{err}");
        assert!(!out.exists());
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            0,
            "temporary file left behind"
        );
    }
}
