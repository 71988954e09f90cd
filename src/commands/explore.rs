//! `wasit mediators|who|path|timeline`: questions asked of a built graph.

use std::process::ExitCode;

use crate::cli::{MediatorsArgs, PathArgs, TimelineArgs, WhoArgs};

pub fn mediators(_args: MediatorsArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("mediators: not implemented yet")
}
pub fn who(_args: WhoArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("who: not implemented yet")
}
pub fn path(_args: PathArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("path: not implemented yet")
}
pub fn timeline(_args: TimelineArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("timeline: not implemented yet")
}
