//! `wasit extract` and `wasit merge`: the two halves of `build`, apart, so that
//! shards of a corpus can be extracted on several machines (or under Spark) and
//! merged into the graph `build` gives on the whole (see [`wasit::facts`]).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use wasit::export::atomic::write_file;
use wasit::export::format::Documents;
use wasit::facts::{graph_of, read_records, union, write_records, Record};
use wasit::input::Corpus;
use wasit::lexicon::Lexicon;

use super::build::{parse_formats, publish, Publish, Stages};
use crate::cli::{ExtractArgs, MergeArgs};

/// Documents above which a progress bar is shown (when stderr is a terminal).
const PROGRESS_MIN_DOCS: usize = 50;

fn progress(len: usize, quiet: bool, what: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() || quiet || len < PROGRESS_MIN_DOCS {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    bar.set_style(
        ProgressStyle::with_template(&format!(
            "{{spinner}} {{pos}}/{{len}} {what} [{{bar:30}}] {{per_sec}} {{eta}}"
        ))
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

/// `wasit extract INPUTS... --out facts.jsonl`.
pub fn extract(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    if let Some(d) = &args.date {
        anyhow::ensure!(
            wasit::extract::dates::parse_iso(d).is_some(),
            "--date {d:?}: not a date (want YYYY-MM-DD, YYYY-MM or YYYY)"
        );
    }
    let lexicon_files: Vec<&Path> = args.lexicons.iter().map(|p| p.as_path()).collect();
    let owned;
    let lex: &Lexicon = if lexicon_files.is_empty() && !args.no_people_kb {
        Lexicon::embedded()
    } else {
        owned = Lexicon::with_options(&lexicon_files, !args.no_people_kb)?;
        &owned
    };
    let corpus = Corpus::read(&args.inputs, args.manifest.as_deref(), args.date.as_deref());
    for e in corpus.errors.iter().chain(&corpus.notes) {
        eprintln!("{e}");
    }
    // Nothing read: write nothing, so a facts file of an earlier run stays.
    anyhow::ensure!(
        !corpus.docs.is_empty(),
        "no document read; nothing written to {}",
        args.out.display()
    );
    let bar = progress(corpus.docs.len(), args.quiet, "documents");
    let records: Vec<Record> = corpus
        .docs
        .par_iter()
        .map(|d| {
            let r = Record::of(d, lex);
            bar.inc(1);
            r
        })
        .collect();
    bar.finish_and_clear();
    if super::is_dash(&args.out) {
        let stdout = std::io::stdout();
        match write_records(std::io::BufWriter::new(stdout.lock()), &records) {
            Err(e) if super::is_broken_pipe(&e) => {}
            other => other.context("stdout: cannot write the facts")?,
        }
    } else {
        write_file(&args.out, |w| write_records(w, &records))
            .with_context(|| format!("{}: cannot write", args.out.display()))?;
        if !args.quiet {
            eprintln!(
                "wasit: extracted {} document{} to {}",
                records.len(),
                if records.len() == 1 { "" } else { "s" },
                args.out.display()
            );
        }
    }
    Ok(if corpus.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The facts files an input names: itself, or in a folder every `*.jsonl` and
/// `part-*` file (Spark's and Hadoop's output), sorted.
fn facts_files(input: &Path) -> anyhow::Result<Vec<PathBuf>> {
    if !input.is_dir() {
        return Ok(vec![input.to_path_buf()]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(input)
        .with_context(|| format!("{}: cannot read the folder", input.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".jsonl") || (name.starts_with("part-") && !name.ends_with(".crc"))
        })
        .collect();
    files.sort();
    anyhow::ensure!(
        !files.is_empty(),
        "{}: no facts files (*.jsonl, part-*) in this folder",
        input.display()
    );
    Ok(files)
}

fn read_facts(path: &Path) -> anyhow::Result<Vec<Record>> {
    if super::is_dash(path) {
        return Ok(read_records("<stdin>", std::io::stdin().lock())?);
    }
    let file =
        std::fs::File::open(path).with_context(|| format!("{}: cannot read", path.display()))?;
    Ok(read_records(
        &path.display().to_string(),
        std::io::BufReader::new(file),
    )?)
}

/// `wasit merge FACTS... --out DIR`.
pub fn merge(args: MergeArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let Some(formats) = parse_formats(&args.format) else {
        return Ok(ExitCode::from(2));
    };
    let to_stdout = super::is_dash(&args.out);
    anyhow::ensure!(
        !to_stdout || formats.is_empty(),
        "--out - writes graph.json on stdout alone: --format needs an output folder"
    );
    let mut stages = Stages::from_env();
    // Every file is read before anything is written: a bad line names its file
    // and line, and the outputs of an earlier run stay.
    let mut files: Vec<PathBuf> = Vec::new();
    for input in &args.inputs {
        files.extend(facts_files(input)?);
    }
    let mut records: Vec<Record> = Vec::new();
    for f in &files {
        records.extend(read_facts(f)?);
    }
    anyhow::ensure!(
        !records.is_empty(),
        "no facts in {}; nothing written to {}",
        files
            .iter()
            .map(|f| f.display().to_string())
            .collect::<Vec<_>>()
            .join(", "),
        args.out.display()
    );
    stages.mark("read");
    let union = union(records);
    for doc in &union.conflicts {
        eprintln!(
            "warning: {doc}: given twice with different facts; the record kept does not depend on the order of the inputs"
        );
    }
    let graph = graph_of(&union.records, args.keep_copies, args.max_evidence);
    stages.mark("merge");
    let mut written = Vec::new();
    if !to_stdout {
        let path = args.out.join("facts.jsonl");
        write_file(&path, |w| write_records(w, &union.records))
            .with_context(|| format!("{}: cannot write", path.display()))?;
        written.push(path.display().to_string());
    }
    let docs = union.records.len();
    drop(union);
    publish(
        Publish {
            out: &args.out,
            render: args.render,
            formats,
            quiet: args.quiet,
            diagram: &args.diagram,
            docs,
            errors: 0,
            documents: Documents::new(),
            written,
            started,
        },
        &graph,
        &mut stages,
    )
}
