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
    /// Score a graph against a gold annotation (same figures as shared/eval/score.py).
    Eval(EvalArgs),
    /// Render a graph.json as a diagram through Graphviz.
    Render(RenderArgs),
    /// Export a graph.json to other formats (graphml, cypher, csv, rdf, jsonl, cytoscape, html).
    Export(ExportArgs),
    /// List mediators: who stood between which sides, in which talks.
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
    /// Inputs: text files, folders (recursively), .jsonl corpora, .html pages, `-` for stdin.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Output folder.
    #[arg(long, default_value = "wasit-out")]
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
    /// A manifest CSV (`file,date,url,outlet,title`) for the inputs.
    #[arg(long)]
    pub manifest: Option<PathBuf>,
    /// Publication date of documents that have none (YYYY-MM-DD).
    #[arg(long)]
    pub date: Option<String>,
    /// Extra export formats written beside graph.json (comma-separated).
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
    /// The graph.json to export.
    pub graph: PathBuf,
    /// Formats (comma-separated): graphml, cypher, csv, kuzu, rdf, jsonl, cytoscape, html, dot, json.
    #[arg(long, value_delimiter = ',', required = true)]
    pub format: Vec<String>,
    /// Output folder.
    #[arg(long, default_value = "wasit-out")]
    pub out: PathBuf,
}

/// The graph a query reads.
#[derive(Debug, Args)]
pub struct GraphArg {
    /// The graph.json to read.
    #[arg(long, default_value = "wasit-out/graph.json")]
    pub graph: PathBuf,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
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
    /// The graph.
    #[command(flatten)]
    pub graph: GraphArg,
}
