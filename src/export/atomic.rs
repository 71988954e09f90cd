//! Atomic file writes: write into a temporary file in the same folder, then
//! rename over the target, so a reader sees the old file or the new one, never
//! half of either. Files are readable by all (mode 0644, as `touch` under the usual
//! umask would give; a temporary file alone would be 0600), scripts executable
//! (0755).

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// The mode of a file written: 0644.
pub const FILE_MODE: u32 = 0o644;
/// The mode of a script written (`import.sh`): 0755.
pub const SCRIPT_MODE: u32 = 0o755;

/// Writes `path` atomically with what `fill` writes, mode 0644 (0755 for a `.sh`
/// script).
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("graph.json");
/// wasit::export::atomic::write_file(&path, |w| w.write_all(b"{}")).unwrap();
/// assert_eq!(std::fs::read_to_string(&path).unwrap(), "{}");
/// #[cfg(unix)]
/// {
///     use std::os::unix::fs::PermissionsExt;
///     let mode = std::fs::metadata(&path).unwrap().permissions().mode();
///     assert_eq!(mode & 0o777, 0o644);
/// }
/// ```
pub fn write_file<F>(path: &Path, fill: F) -> io::Result<()>
where
    F: FnOnce(&mut dyn Write) -> io::Result<()>,
{
    let script = path.extension().is_some_and(|e| e == "sh");
    write_file_mode(path, if script { SCRIPT_MODE } else { FILE_MODE }, fill)
}

/// Writes `path` atomically with what `fill` writes, with the Unix permission bits
/// `mode` (ignored elsewhere).
pub fn write_file_mode<F>(path: &Path, mode: u32, fill: F) -> io::Result<()>
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
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = mode;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
