//! Atomic file writes: write into a temporary file in the same folder, then
//! rename over the target, so a reader sees the old file or the new one, never
//! half of either.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Writes `path` atomically with what `fill` writes.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("graph.json");
/// wasit::export::atomic::write_file(&path, |w| w.write_all(b"{}")).unwrap();
/// assert_eq!(std::fs::read_to_string(&path).unwrap(), "{}");
/// ```
pub fn write_file<F>(path: &Path, fill: F) -> io::Result<()>
where
    F: FnOnce(&mut dyn Write) -> io::Result<()>,
{
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".wasit-")
        .tempfile_in(dir)?;
    {
        let mut w = BufWriter::new(tmp.as_file_mut());
        fill(&mut w)?;
        w.flush()?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
