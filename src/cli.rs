//! The command line: subcommands and their flags (clap derive). Parsing only;
//! each subcommand's work lives in `commands/`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// wasit (وسيط, "mediator"): reads Arabic news about diplomacy and builds a graph of
/// who met whom, who mediated, who represents which state, and who said what.
#[derive(Debug, Parser)]
#[command(name = "wasit", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build one graph from articles (files, folders, JSON Lines, `-` for stdin).
    Build(BuildArgs),
    /// Extract documents to a facts stream (JSON Lines, one document a line), to be
    /// merged by `wasit merge`: shards of a corpus are extracted apart (on several
    /// machines, under Spark), and their merge is the graph `build` gives on the whole.
    Extract(ExtractArgs),
    /// Merge facts streams into one graph (the same outputs as `build`). Any split of
    /// a corpus, merged in any order, gives the same graph.json, byte for byte.
    Merge(MergeArgs),
    /// Score a graph against a gold annotation (same figures as shared/eval/score.py).
    Eval(EvalArgs),
    /// Render a graph.json as a diagram through Graphviz.
    Render(RenderArgs),
    /// Export a graph.json to other formats (json, dot, html, graphml, gexf, cypher, csv,
    /// kuzu, rdf, turtle, ntriples, jsonl, cytoscape).
    Export(ExportArgs),
    /// Load a graph.json into a database server (FalkorDB), with indexes and typed dates.
    Load(LoadArgs),
    /// List mediators: who stood between which sides, in which talks.
    ///
    /// Columns: meetings mediated, first and last date; betweenness, the share of
    /// the shortest chains between two other actors that pass through the mediator;
    /// coord, itin, repr, gate, liaison, its Gould–Fernandez brokerage roles,
    /// counted over side → mediator → side: coordinator (all three in one group),
    /// itinerant (both sides in one group, the mediator outside), representative (the
    /// mediator in the first side's group), gatekeeper (in the second side's),
    /// liaison (three groups: a go-between belonging to neither side). A state is its
    /// own group; a person or body belongs to the state it serves.
    #[command(verbatim_doc_comment)]
    Mediators(MediatorsArgs),
    /// Show an entity's card: names, affiliations, meetings, claims, documents.
    Who(WhoArgs),
    /// The shortest chains linking two entities.
    Path(PathArgs),
    /// Meetings and claims in date order.
    Timeline(TimelineArgs),
}

/// Diagram formats produced through Graphviz.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RenderFormat {
    /// Plain SVG: labels stay text, shaped by the viewer.
    Svg,
    /// PNG through cairo/pango.
    Png,
    /// PDF through cairo/pango.
    Pdf,
    /// No rendering.
    None,
}

/// Which part of the graph a diagram shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum View {
    /// Everything but claims.
    #[default]
    All,
    /// States, mediators and meetings only.
    Mediators,
    /// People and what they belong to.
    People,
    /// Claims with their speakers and outlets.
    Claims,
}

/// Which language labels are drawn in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Labels {
    /// Arabic labels.
    #[default]
    Ar,
    /// English names where known.
    En,
    /// Both.
    Both,
}

/// Which events `timeline` lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EventKindArg {
    /// Meetings only.
    Meetings,
    /// Claims only.
    Claims,
}

/// Options of a diagram (shared by `build` and `render`).
#[derive(Clone, Debug, Args)]
pub struct DiagramArgs {
    /// Which part of the graph to draw.
    #[arg(long, value_enum, default_value_t = View::All)]
    pub view: View,
    /// Draw only the neighbourhood of this node (id or name).
    #[arg(long)]
    pub focus: Option<String>,
    /// Depth of the neighbourhood drawn with --focus.
    #[arg(long, default_value_t = 1)]
    pub depth: usize,
    /// Label language.
    #[arg(long, value_enum, default_value_t = Labels::Ar)]
    pub labels: Labels,
}

/// `wasit build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Inputs: text files, folders (recursively), .jsonl corpora, .html pages, `-` for
    /// stdin (JSON Lines when it starts with `{`, else one article).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Output folder; `-` writes graph.json on stdout and nothing else (the summary
    /// goes to stderr).
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// Diagram to render (default: svg when Graphviz's `dot` is installed).
    #[arg(long, value_enum)]
    pub render: Option<RenderFormat>,
    /// Extra lexicon files (TSV; the first line `# kind: states|organizations|places|titles|given_names|speech_cues|anonymous|event_cues|people`).
    #[arg(long = "lexicon")]
    pub lexicons: Vec<PathBuf>,
    /// Leave out the embedded public-figures base (data/people/): people are then
    /// found by their context only.
    #[arg(long)]
    pub no_people_kb: bool,
    /// Extract syndicated copies too. By default a document whose words are those of
    /// an earlier one, or nearly (80 % of its word 5-grams), adds a source
    /// (`copy_of` in graph.json's documents), not facts.
    #[arg(long)]
    pub keep_copies: bool,
    /// Keep at most N evidence spans per node and edge in the graph (the first N
    /// by document and position); every span stays in the facts (`wasit extract`).
    #[arg(long, value_name = "N")]
    pub max_evidence: Option<usize>,
    /// A manifest CSV (`file,date,url,outlet,title`) for the inputs.
    #[arg(long)]
    pub manifest: Option<PathBuf>,
    /// Publication date of documents that have none (YYYY-MM-DD).
    #[arg(long)]
    pub date: Option<String>,
    /// Extra export formats written beside graph.json (comma-separated; the names of
    /// `wasit export --help`). Checked before anything is read or written.
    #[arg(long, value_delimiter = ',')]
    pub format: Vec<String>,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
    /// Diagram options.
    #[command(flatten)]
    pub diagram: DiagramArgs,
}

/// `wasit extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Inputs: text files, folders (recursively), .jsonl corpora, .html pages, `-` for
    /// stdin (JSON Lines when it starts with `{`, else one article).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// The facts file to write (JSON Lines); `-` writes them on stdout.
    #[arg(long, default_value = "-")]
    pub out: PathBuf,
    /// Extra lexicon files (as for `build`).
    #[arg(long = "lexicon")]
    pub lexicons: Vec<PathBuf>,
    /// Leave out the embedded public-figures base.
    #[arg(long)]
    pub no_people_kb: bool,
    /// A manifest CSV (`file,date,url,outlet,title`) for the inputs.
    #[arg(long)]
    pub manifest: Option<PathBuf>,
    /// Publication date of documents that have none (YYYY-MM-DD).
    #[arg(long)]
    pub date: Option<String>,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
}

/// `wasit merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Facts files written by `wasit extract`, folders holding them (`*.jsonl`, and
    /// `part-*` files as Spark and Hadoop write them), or `-` for stdin.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Output folder: graph.json, graph.dot and facts.jsonl (the merged facts, so
    /// that a merge can be merged again); `-` writes graph.json on stdout alone.
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// Diagram to render (default: svg when Graphviz's `dot` is installed).
    #[arg(long, value_enum)]
    pub render: Option<RenderFormat>,
    /// Keep the facts of syndicated copies (as `build --keep-copies`).
    #[arg(long)]
    pub keep_copies: bool,
    /// Keep at most N evidence spans per node and edge in the graph (the first N
    /// by document and position); every span stays in the facts (`wasit extract`).
    #[arg(long, value_name = "N")]
    pub max_evidence: Option<usize>,
    /// Extra export formats written beside graph.json (as for `build`).
    #[arg(long, value_delimiter = ',')]
    pub format: Vec<String>,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
    /// Diagram options.
    #[command(flatten)]
    pub diagram: DiagramArgs,
}

/// `wasit eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The graph.json to score.
    pub graph: PathBuf,
    /// The gold annotation (.gold.toml).
    pub gold: PathBuf,
    /// Print the misses and extras.
    #[arg(long)]
    pub details: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `wasit render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The graph.json to draw.
    pub graph: PathBuf,
    /// Output file (its extension picks the format unless --render is given).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Output format.
    #[arg(long = "render", value_enum)]
    pub format: Option<RenderFormat>,
    /// Diagram options.
    #[command(flatten)]
    pub diagram: DiagramArgs,
}

/// `wasit export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The graph.json to export (`-` reads it from stdin).
    pub graph: PathBuf,
    /// Formats (comma-separated):
    /// json (graph.json), dot (graph.dot), html (graph.html, an offline viewer),
    /// graphml (graph.graphml), gexf (graph.gexf, Gephi, with meeting dates),
    /// cypher (graph.cypher), csv (neo4j/: neo4j-admin import CSV and import.sh),
    /// kuzu (kuzu/: schema, load script and CSV for Kùzu or Ladybug),
    /// rdf (graph.ttl and graph.nt), turtle (graph.ttl), ntriples (graph.nt),
    /// jsonl (graph.jsonl), cytoscape (graph.cyjs).
    #[arg(long, value_delimiter = ',', required = true)]
    pub format: Vec<String>,
    /// Output folder; `-` writes the one format given on stdout (single-file formats only).
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// Folders holding the documents the graph was built from (the folder given to
    /// `build`), so that the HTML viewer shows the evidence sentences. The current
    /// folder and the graph's folder are looked in too.
    #[arg(long = "docs", value_name = "DIR")]
    pub docs: Vec<PathBuf>,
}

/// Servers `wasit load` writes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LoadTarget {
    /// FalkorDB (a Redis module): statements sent one by one over RESP.
    Falkordb,
}

/// `wasit load`.
#[derive(Debug, Args)]
pub struct LoadArgs {
    /// The server kind.
    #[arg(value_enum)]
    pub target: LoadTarget,
    /// The graph.json to load (`-` reads it from stdin).
    pub file: PathBuf,
    /// The server's address.
    #[arg(long, default_value = "redis://127.0.0.1:6379")]
    pub url: String,
    /// The name of the graph in the server.
    #[arg(long = "graph", default_value = "wasit")]
    pub name: String,
    /// Delete the server's graph of that name first, so that nothing of an older
    /// load stays (without it, loading adds: MERGE on ids, idempotent).
    #[arg(long)]
    pub replace: bool,
}

/// The graph a query reads.
#[derive(Debug, Args)]
pub struct GraphArg {
    /// The graph.json to read (`-` reads it from stdin); `build` writes out/graph.json
    /// by default.
    #[arg(long, default_value = "out/graph.json")]
    pub graph: PathBuf,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Folders holding the documents the graph was built from (the folder given to
    /// `build`), so that evidence is shown as sentences, not only byte offsets. The
    /// current folder and the graph's folder are looked in too.
    #[arg(long = "docs", value_name = "DIR")]
    pub docs: Vec<PathBuf>,
}

/// `wasit mediators`.
#[derive(Debug, Args)]
pub struct MediatorsArgs {
    /// Only the go-betweens of these two sides.
    #[arg(long, num_args = 2, value_names = ["A", "B"])]
    pub between: Option<Vec<String>>,
    /// The graph.
    #[command(flatten)]
    pub graph: GraphArg,
}

/// `wasit who`.
#[derive(Debug, Args)]
pub struct WhoArgs {
    /// A name (any spelling or alias) or node id.
    pub name: String,
    /// The graph.
    #[command(flatten)]
    pub graph: GraphArg,
}

/// `wasit path`.
#[derive(Debug, Args)]
pub struct PathArgs {
    /// From this entity.
    pub from: String,
    /// To this entity.
    pub to: String,
    /// The graph.
    #[command(flatten)]
    pub graph: GraphArg,
}

/// `wasit timeline`.
#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// Only what involves this entity.
    #[arg(long)]
    pub entity: Option<String>,
    /// Only meetings or only claims.
    #[arg(long, value_enum)]
    pub kind: Option<EventKindArg>,
    /// Only events dated on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Only events dated on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
    /// The graph.
    #[command(flatten)]
    pub graph: GraphArg,
}
