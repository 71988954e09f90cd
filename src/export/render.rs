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
