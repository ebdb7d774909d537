//! Deterministic generator of synthetic news-dispatch archives, for benchmarks.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --count N --seed S [--jsonl FILE] [--threads T] OUT_DIR
//! ```
//!
//! With `--jsonl FILE` the same dispatches also go to FILE as JSON Lines (`path`, `headline`,
//! `dateline`, `body`, `date`): tantivy-cli's input, and an export `dateline index` reads too.
//!
//! Writes N dispatches of 2–5 KB (about 3 KB on average) as `OUT_DIR/YYYY/MM/DD/<id>.txt`,
//! dated 1985–2024 and filed from ~180 places on every continent. Each file is a headline,
//! an empty line, a dateline paragraph in one of nine wire styles (rotating), then body
//! paragraphs; about 5% end with an old-style ` Reuter` sign-off line.
//!
//! Every dispatch is a pure function of `(seed, index)`: the output does not depend on the
//! thread count, and the first M dispatches of a corpus of N > M are exactly the corpus of M
//! (same seed), so results for 10k and 100k describe nested archives.
//!
//! Planted words, so benchmarks have query classes with known selectivity:
//! - `harvest`: in ~30% of dispatches (a common word; nowhere else in the vocabulary);
//! - `zeppelin`: in exactly one dispatch per 10,000 (indexes ≡ 4242 mod 10,000; a rare word);
//! - the phrase `central bank`: in ~12% of dispatches, while `central` and `bank` also occur
//!   apart, so a phrase query is not the same as the two words;
//! - places: cities are drawn with a Zipf-like weight (London, New York, Washington... first),
//!   so `--place` filters range from broad to narrow; e.g. Nairobi is mid-frequency.
//!
//! The vocabulary is self-written: a few hundred common English words per part of speech,
//! extended with a few thousand English-looking words built from syllables and suffixes,
//! all drawn with a Zipf-like distribution so there are both very common and very rare terms.
//! No dependency: the PRNG is splitmix64.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

const USAGE: &str = "usage: gen_corpus --count N --seed S [--jsonl FILE] [--threads T] OUT_DIR";

/// Rare planted word: one dispatch per this many.
const RARE_EVERY: u64 = 10_000;
const RARE_AT: u64 = 4_242;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("gen_corpus: {msg}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

struct Args {
    count: u64,
    seed: u64,
    jsonl: Option<PathBuf>,
    threads: usize,
    out: PathBuf,
}

fn parse_args() -> Result<Args, String> {
    let mut count = None;
    let mut seed = 42;
    let mut jsonl = None;
    let mut threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let mut out = None;
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--count" | "-n" => {
                count = Some(
                    value("--count")?
                        .replace('_', "")
                        .parse()
                        .map_err(|e| format!("--count: {e}"))?,
                )
            }
            "--seed" => {
                seed = value("--seed")?
                    .parse()
                    .map_err(|e| format!("--seed: {e}"))?
            }
            "--jsonl" => jsonl = Some(PathBuf::from(value("--jsonl")?)),
            "--threads" => {
                threads = value("--threads")?
                    .parse()
                    .map_err(|e| format!("--threads: {e}"))?
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            s => {
                if out.replace(PathBuf::from(s)).is_some() {
                    return Err("only one OUT_DIR".into());
                }
            }
        }
    }
    Ok(Args {
        count: count.ok_or("--count is required")?,
        seed,
        jsonl,
        threads: threads.max(1),
        out: out.ok_or("OUT_DIR is required")?,
    })
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let started = Instant::now();
    fs::create_dir_all(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    let vocab = Arc::new(Vocab::new());

    // Contiguous chunks, one per thread, so each thread's JSON part file holds dispatches in
    // index order and concatenating the parts in chunk order gives a deterministic JSONL.
    let per = args.count.div_ceil(args.threads as u64).max(1);
    let mut handles = Vec::new();
    for t in 0..args.threads as u64 {
        let (lo, hi) = (t * per, ((t + 1) * per).min(args.count));
        if lo >= hi {
            break;
        }
        let vocab = Arc::clone(&vocab);
        let out = args.out.clone();
        let part = args
            .jsonl
            .as_ref()
            .map(|j| PathBuf::from(format!("{}.part{t}", j.display())));
        let seed = args.seed;
        handles.push(std::thread::spawn(move || {
            write_range(&vocab, seed, lo, hi, &out, part.as_deref()).map(|bytes| (bytes, part))
        }));
    }
    let mut total_bytes = 0u64;
    let mut parts = Vec::new();
    for h in handles {
        let (bytes, part) = h
            .join()
            .map_err(|_| "a writer thread panicked".to_string())?
            .map_err(|e| format!("write: {e}"))?;
        total_bytes += bytes;
        parts.extend(part);
    }
    if let Some(jsonl) = &args.jsonl {
        concat_parts(jsonl, &parts).map_err(|e| format!("{}: {e}", jsonl.display()))?;
    }
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "gen_corpus: {} dispatches, {} bytes ({:.0} bytes avg) in {:.1} s to {}",
        args.count,
        total_bytes,
        total_bytes as f64 / args.count.max(1) as f64,
        secs,
        args.out.display()
    );
    Ok(())
}

fn concat_parts(dest: &Path, parts: &[PathBuf]) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 20, fs::File::create(dest)?);
    for p in parts {
        io::copy(&mut fs::File::open(p)?, &mut out)?;
        fs::remove_file(p)?;
    }
    out.flush()
}

/// Generates and writes dispatches `lo..hi`; returns the bytes of text written.
fn write_range(
    vocab: &Vocab,
    seed: u64,
    lo: u64,
    hi: u64,
    out: &Path,
    jsonl: Option<&Path>,
) -> io::Result<u64> {
    let mut json = match jsonl {
        Some(p) => Some(BufWriter::with_capacity(1 << 20, fs::File::create(p)?)),
        None => None,
    };
    // create_dir_all costs several syscalls; most days repeat at 100k+ dispatches.
    let mut made_dirs = HashSet::new();
    let mut doc = Doc::default();
    let mut line = String::new();
    let mut path = PathBuf::new();
    let mut bytes = 0;
    for i in lo..hi {
        generate(vocab, seed, i, &mut doc);
        let (y, m, d) = doc.date;
        let dir = out.join(format!("{y:04}/{m:02}/{d:02}"));
        if !made_dirs.contains(&dir) {
            fs::create_dir_all(&dir)?;
            made_dirs.insert(dir.clone());
        }
        path.clone_from(&dir);
        path.push(format!("{i:07}.txt"));
        // One write per file: the text is built whole in memory first.
        fs::write(&path, doc.text.as_bytes())?;
        bytes += doc.text.len() as u64;
        if let Some(j) = json.as_mut() {
            line.clear();
            line.push_str("{\"path\":");
            json_str(&mut line, &path.to_string_lossy());
            line.push_str(",\"headline\":");
            json_str(&mut line, &doc.text[doc.headline.clone()]);
            line.push_str(",\"dateline\":");
            json_str(&mut line, &doc.text[doc.dateline.clone()]);
            line.push_str(",\"body\":");
            json_str(&mut line, &doc.text[doc.body_start..]);
            let _ = writeln!(line, ",\"date\":\"{y:04}-{m:02}-{d:02}T00:00:00Z\"}}");
            j.write_all(line.as_bytes())?;
        }
    }
    if let Some(mut j) = json {
        j.flush()?;
    }
    Ok(bytes)
}

fn json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

// ---------------------------------------------------------------------------------------------
// Randomness

/// splitmix64: tiny, fast, and good enough for text; each dispatch gets its own stream.
struct Rng(u64);

impl Rng {
    fn for_doc(seed: u64, index: u64) -> Rng {
        // Start each stream at a hashed state: splitmix64 streams seeded `seed ^ i * step`
        // are the same sequence shifted by i steps, so neighbouring dispatches would repeat
        // each other's sentences.
        Rng(mix(seed ^ mix(index.wrapping_add(0x5EED))))
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
    /// Uniform in 0..n (n > 0); the modulo bias is irrelevant at these sizes.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

/// splitmix64's output function: a bijective avalanche mix of 64 bits.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A word list drawn with probability ∝ 1 / (rank + 2)^s: Zipf-like, so the head words are
/// in nearly every dispatch and the generated tail words in very few.
struct Zipf {
    words: Vec<String>,
    cdf: Vec<f64>,
}

impl Zipf {
    fn new(words: Vec<String>, s: f64) -> Zipf {
        let mut acc = 0.0;
        let cdf = (0..words.len())
            .map(|r| {
                acc += 1.0 / ((r + 2) as f64).powf(s);
                acc
            })
            .collect();
        Zipf { words, cdf }
    }
    fn sample_index(&self, rng: &mut Rng) -> usize {
        let x = rng.unit() * self.cdf[self.cdf.len() - 1];
        self.cdf
            .partition_point(|&c| c <= x)
            .min(self.cdf.len() - 1)
    }
    fn sample(&self, rng: &mut Rng) -> &str {
        &self.words[self.sample_index(rng)]
    }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary (self-written)

const NOUNS: &str = "government officials police people country city year week talks election \
army troops party company market prices workers union bank rates inflation economy minister \
president leaders report state security forces border region plan deal agreement vote \
parliament court law oil trade exports imports growth budget tax spending debt shares \
investors group members opposition rebels fighting attack crisis aid support water power \
energy fuel food farmers crops rain floods drought storm fire earthquake hospital health \
doctors patients schools students teachers children families women men home land project \
program policy reform changes rules ministry office department agency commission council \
committee meeting summit conference statement spokesman sources analysts experts data \
figures survey month months day days night morning evening hours time period quarter record \
level rise fall increase decline loss profit sales output production demand supply currency \
dollar euro yen pound gold coal steel gas electricity network system service services \
industry sector firms banks lenders loans credit fund funds capital assets contract \
contracts orders jobs unemployment wages strike protest protests demonstrators crowd \
streets capital province district village villages town towns coast river port airport \
railway road roads bridge ship ships aircraft flights passengers tourists visitors \
refugees migrants camp camps war peace ceasefire treaty talks negotiators envoy embassy \
ambassador diplomats relations allies neighbours sanctions weapons missiles soldiers \
officers commander general navy coalition campaign candidate candidates voters ballot \
results count majority seats cabinet prime premier king queen prince mayor governor judge \
prosecutors trial case charges evidence investigation inquiry verdict sentence prison \
police arrests suspects victims dead wounded injured casualties damage losses cost costs \
price value index stocks bonds yields markets exchange dealers traders brokers harbour \
factory plant mine mines oilfield pipeline refinery reactor station satellite launch \
research science scientists study university museum festival film music team match \
season league cup players coach fans stadium championship title race medal \
newspaper television radio broadcast reporters journalists press media internet phone \
computer software technology telecommunications license permit application request \
proposal bill measure decree order ban limit quota target goal forecast estimate outlook \
view concern concerns fears hopes pressure demands calls warning threat risk danger \
problem problems issue issues question answer reason support opposition critics \
supporters residents citizens population census community church mosque temple clergy \
bishop pope leader chief head director chairman executive board shareholders merger \
takeover bid offer stake unit subsidiary partner partners venture investment investments";

const VERBS_PAST: &str = "said announced reported agreed rejected warned denied confirmed \
approved signed raised cut increased reduced lowered expected called urged promised \
planned launched opened closed held met visited arrived left returned killed wounded \
arrested charged accused released freed seized captured attacked fired bombed destroyed \
damaged hit struck fell rose climbed dropped gained lost won beat defeated elected \
appointed named resigned dismissed replaced ordered banned allowed blocked delayed \
postponed cancelled suspended resumed ended began started continued completed reached \
passed backed supported opposed criticised condemned welcomed praised thanked asked \
told added noted stressed insisted argued claimed admitted acknowledged estimated \
forecast predicted showed revealed found discovered published issued sent received \
offered accepted refused sought demanded proposed introduced adopted amended \
extended expanded doubled halved paid bought sold traded exported imported produced \
built moved shifted boosted eased tightened pledged vowed threatened evacuated \
rescued flooded burned collapsed recovered stabilised improved worsened slowed";

const VERBS_BASE: &str = "raise cut increase reduce lower hold meet visit end begin \
continue complete reach pass back support oppose review study consider discuss examine \
approve reject sign ban allow block delay resume expand extend cover pay buy sell \
build move boost ease tighten protect defend restore improve strengthen weaken help \
stop prevent avoid seek demand offer accept refuse face affect hurt benefit change \
open close launch produce export import invest borrow lend spend save fund finance \
replace appoint elect release investigate charge try sentence deploy withdraw return";

const ADJECTIVES: &str = "new former national local foreign international economic political \
military public private central federal regional official senior main major key \
large small high low big long short early late last next first second third final \
recent current previous annual monthly weekly daily general special joint separate \
strong weak sharp steady slow rapid heavy light serious severe minor critical \
important significant possible likely unlikely unexpected sudden further additional \
total full partial western eastern northern southern coastal rural urban industrial \
agricultural financial commercial social human civil legal illegal criminal armed \
peaceful violent deadly fatal bloody bitter tough hard difficult easy clear open \
secret independent opposition ruling conservative liberal moderate radical \
popular unpopular rich poor cheap expensive higher lower bigger smaller worst best \
domestic overseas diplomatic nuclear naval presidential parliamentary constitutional \
temporary permanent emergency humanitarian medical technical scientific cultural \
historic modern ancient traditional religious ethnic tribal provincial municipal";

const ADVERBS: &str = "also still already now again later recently sharply slightly \
quickly slowly strongly firmly largely mainly partly fully nearly almost only just \
yet soon today yesterday earlier officially publicly privately widely heavily \
steadily briefly finally eventually immediately repeatedly reportedly apparently";

const OFFICIALS: &[&str] = &[
    "the foreign minister",
    "the prime minister",
    "the finance minister",
    "the interior minister",
    "a government spokesman",
    "a ministry spokeswoman",
    "police",
    "officials",
    "analysts",
    "diplomats",
    "witnesses",
    "residents",
    "a senior official",
    "the state news agency",
    "the company",
    "a company spokesman",
    "union leaders",
    "opposition leaders",
    "the army",
    "a military spokesman",
    "the mayor",
    "the governor",
    "economists",
    "traders",
    "the ministry",
    "local media",
    "hospital officials",
    "rescue workers",
    "the United Nations",
    "aid agencies",
];

const TITLES: &[&str] = &[
    "Foreign Minister",
    "Prime Minister",
    "Finance Minister",
    "President",
    "Interior Minister",
    "Defence Minister",
    "Trade Minister",
    "Mayor",
    "Governor",
    "General",
    "Senator",
    "Chief Justice",
    "Energy Minister",
    "Health Minister",
];

const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// Wire (Reuters-style) abbreviations, no period: "Feb 26".
const MONTHS_WIRE: &[&str] = &[
    "Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec",
];
/// AP-style abbreviations, with a period: "Oct. 30".
const MONTHS_AP: &[&str] = &[
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
];

/// Cities as (name, country or US state abbreviation, is_us). Ordered roughly by how often
/// they appear in wire copy; the order is the Zipf rank.
const CITIES: &[(&str, &str, bool)] = &[
    ("London", "Britain", false),
    ("New York", "N.Y.", true),
    ("Washington", "D.C.", true),
    ("Paris", "France", false),
    ("Moscow", "Russia", false),
    ("Beijing", "China", false),
    ("Tokyo", "Japan", false),
    ("Brussels", "Belgium", false),
    ("Berlin", "Germany", false),
    ("Jerusalem", "Israel", false),
    ("Beirut", "Lebanon", false),
    ("Cairo", "Egypt", false),
    ("Hong Kong", "China", false),
    ("Geneva", "Switzerland", false),
    ("Frankfurt", "Germany", false),
    ("Islamabad", "Pakistan", false),
    ("New Delhi", "India", false),
    ("Tehran", "Iran", false),
    ("Baghdad", "Iraq", false),
    ("Kabul", "Afghanistan", false),
    ("Nairobi", "Kenya", false),
    ("Johannesburg", "South Africa", false),
    ("Lagos", "Nigeria", false),
    ("Sydney", "Australia", false),
    ("Singapore", "Singapore", false),
    ("Seoul", "South Korea", false),
    ("Manila", "Philippines", false),
    ("Jakarta", "Indonesia", false),
    ("Bangkok", "Thailand", false),
    ("Mexico City", "Mexico", false),
    ("Buenos Aires", "Argentina", false),
    ("Sao Paulo", "Brazil", false),
    ("Rio de Janeiro", "Brazil", false),
    ("Los Angeles", "Calif.", true),
    ("San Francisco", "Calif.", true),
    ("Chicago", "Ill.", true),
    ("Ottawa", "Canada", false),
    ("Toronto", "Canada", false),
    ("Rome", "Italy", false),
    ("Madrid", "Spain", false),
    ("Vienna", "Austria", false),
    ("Warsaw", "Poland", false),
    ("Kiev", "Ukraine", false),
    ("Ankara", "Turkey", false),
    ("Istanbul", "Turkey", false),
    ("Damascus", "Syria", false),
    ("Amman", "Jordan", false),
    ("Riyadh", "Saudi Arabia", false),
    ("Dubai", "United Arab Emirates", false),
    ("Tel Aviv", "Israel", false),
    ("Karachi", "Pakistan", false),
    ("Mumbai", "India", false),
    ("Dhaka", "Bangladesh", false),
    ("Colombo", "Sri Lanka", false),
    ("Kathmandu", "Nepal", false),
    ("Hanoi", "Vietnam", false),
    ("Phnom Penh", "Cambodia", false),
    ("Kuala Lumpur", "Malaysia", false),
    ("Taipei", "Taiwan", false),
    ("Shanghai", "China", false),
    ("Astana", "Kazakhstan", false),
    ("Almaty", "Kazakhstan", false),
    ("Tashkent", "Uzbekistan", false),
    ("Tbilisi", "Georgia", false),
    ("Yerevan", "Armenia", false),
    ("Baku", "Azerbaijan", false),
    ("Minsk", "Belarus", false),
    ("Vilnius", "Lithuania", false),
    ("Riga", "Latvia", false),
    ("Tallinn", "Estonia", false),
    ("Helsinki", "Finland", false),
    ("Stockholm", "Sweden", false),
    ("Oslo", "Norway", false),
    ("Copenhagen", "Denmark", false),
    ("Reykjavik", "Iceland", false),
    ("Dublin", "Ireland", false),
    ("Edinburgh", "Britain", false),
    ("Amsterdam", "Netherlands", false),
    ("The Hague", "Netherlands", false),
    ("Zurich", "Switzerland", false),
    ("Milan", "Italy", false),
    ("Lisbon", "Portugal", false),
    ("Barcelona", "Spain", false),
    ("Athens", "Greece", false),
    ("Belgrade", "Serbia", false),
    ("Sarajevo", "Bosnia", false),
    ("Zagreb", "Croatia", false),
    ("Bucharest", "Romania", false),
    ("Sofia", "Bulgaria", false),
    ("Budapest", "Hungary", false),
    ("Prague", "Czech Republic", false),
    ("Bratislava", "Slovakia", false),
    ("Addis Ababa", "Ethiopia", false),
    ("Khartoum", "Sudan", false),
    ("Kampala", "Uganda", false),
    ("Kigali", "Rwanda", false),
    ("Kinshasa", "Congo", false),
    ("Luanda", "Angola", false),
    ("Harare", "Zimbabwe", false),
    ("Lusaka", "Zambia", false),
    ("Maputo", "Mozambique", false),
    ("Dar es Salaam", "Tanzania", false),
    ("Mogadishu", "Somalia", false),
    ("Accra", "Ghana", false),
    ("Abidjan", "Ivory Coast", false),
    ("Dakar", "Senegal", false),
    ("Bamako", "Mali", false),
    ("Abuja", "Nigeria", false),
    ("Tripoli", "Libya", false),
    ("Tunis", "Tunisia", false),
    ("Algiers", "Algeria", false),
    ("Rabat", "Morocco", false),
    ("Casablanca", "Morocco", false),
    ("Cape Town", "South Africa", false),
    ("Durban", "South Africa", false),
    ("Windhoek", "Namibia", false),
    ("Gaborone", "Botswana", false),
    ("Antananarivo", "Madagascar", false),
    ("Lima", "Peru", false),
    ("Bogota", "Colombia", false),
    ("Caracas", "Venezuela", false),
    ("Santiago", "Chile", false),
    ("Quito", "Ecuador", false),
    ("La Paz", "Bolivia", false),
    ("Montevideo", "Uruguay", false),
    ("Asuncion", "Paraguay", false),
    ("Bahia Blanca", "Argentina", false),
    ("Brasilia", "Brazil", false),
    ("Havana", "Cuba", false),
    ("Port-au-Prince", "Haiti", false),
    ("San Juan", "Puerto Rico", false),
    ("Kingston", "Jamaica", false),
    ("Panama City", "Panama", false),
    ("San Jose", "Costa Rica", false),
    ("Managua", "Nicaragua", false),
    ("Guatemala City", "Guatemala", false),
    ("Tegucigalpa", "Honduras", false),
    ("San Salvador", "El Salvador", false),
    ("Monterrey", "Mexico", false),
    ("Vancouver", "Canada", false),
    ("Montreal", "Canada", false),
    ("Boston", "Mass.", true),
    ("Miami", "Fla.", true),
    ("Houston", "Texas", true),
    ("Dallas", "Texas", true),
    ("Atlanta", "Ga.", true),
    ("Detroit", "Mich.", true),
    ("Seattle", "Wash.", true),
    ("Denver", "Colo.", true),
    ("Phoenix", "Ariz.", true),
    ("New Orleans", "La.", true),
    ("Philadelphia", "Pa.", true),
    ("Anchorage", "Alaska", true),
    ("Honolulu", "Hawaii", true),
    ("Melbourne", "Australia", false),
    ("Canberra", "Australia", false),
    ("Perth", "Australia", false),
    ("Auckland", "New Zealand", false),
    ("Wellington", "New Zealand", false),
    ("Suva", "Fiji", false),
    ("Port Moresby", "Papua New Guinea", false),
    ("Noumea", "New Caledonia", false),
    ("Apia", "Samoa", false),
    ("Ulaanbaatar", "Mongolia", false),
    ("Pyongyang", "North Korea", false),
    ("Osaka", "Japan", false),
    ("Vladivostok", "Russia", false),
    ("St. Petersburg", "Russia", false),
    ("Novosibirsk", "Russia", false),
    ("Yangon", "Myanmar", false),
    ("Vientiane", "Laos", false),
    ("Male", "Maldives", false),
    ("Muscat", "Oman", false),
    ("Doha", "Qatar", false),
    ("Kuwait City", "Kuwait", false),
    ("Manama", "Bahrain", false),
    ("Sanaa", "Yemen", false),
    ("Nicosia", "Cyprus", false),
    ("Valletta", "Malta", false),
    ("McMurdo Station", "Antarctica", false),
    ("Rothera", "Antarctica", false),
];

/// Countries named in body text (besides those of the cities).
const COUNTRIES: &[&str] = &[
    "the United States",
    "Britain",
    "France",
    "Germany",
    "Russia",
    "China",
    "Japan",
    "India",
    "Brazil",
    "Canada",
    "Australia",
    "Mexico",
    "Egypt",
    "Nigeria",
    "South Africa",
    "Kenya",
    "Argentina",
    "Indonesia",
    "Turkey",
    "Iran",
    "Pakistan",
    "Poland",
    "Italy",
    "Spain",
    "Saudi Arabia",
    "Israel",
    "Chile",
    "Peru",
    "Vietnam",
    "Thailand",
];

/// Building blocks for English-looking tail words ("convelment", "prostarity").
const ONSETS: &[&str] = &[
    "b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t", "v", "w", "br", "cr", "dr",
    "fl", "gr", "pl", "pr", "st", "tr", "sh", "ch", "th", "sp", "str", "cl",
];
const VOWELS: &[&str] = &[
    "a", "e", "i", "o", "u", "ai", "ea", "ou", "ee", "oa", "ie", "io",
];
const CODAS: &[&str] = &[
    "", "", "n", "r", "l", "s", "t", "m", "nd", "nt", "st", "rt", "ck", "ng", "ld", "rn",
];
const NOUN_SUFFIXES: &[&str] = &[
    "ment", "tion", "ity", "ance", "ence", "ness", "ship", "age", "er", "ist", "ism", "ure",
];
const ADJ_SUFFIXES: &[&str] = &["al", "ous", "ive", "ic", "able", "ant", "ent", "ish", "ary"];
const VERB_SUFFIXES: &[&str] = &["ated", "ised", "ened", "ified", "ed", "ored"];

struct Vocab {
    nouns: Zipf,
    verbs_past: Zipf,
    verbs_base: Zipf,
    adjectives: Zipf,
    adverbs: Zipf,
    given_names: Zipf,
    surnames: Zipf,
    cities: Zipf,
}

impl Vocab {
    fn new() -> Vocab {
        // The vocabulary must not depend on the user's seed: same words for every corpus.
        let mut rng = Rng(0x0DA7_E11E);
        let mut seen: HashSet<String> = HashSet::new();
        let base = |list: &str, seen: &mut HashSet<String>| -> Vec<String> {
            list.split_whitespace()
                .filter(|w| seen.insert(w.to_string()))
                .map(str::to_string)
                .collect()
        };
        let mut nouns = base(NOUNS, &mut seen);
        let mut verbs_past = base(VERBS_PAST, &mut seen);
        let verbs_base = base(VERBS_BASE, &mut seen);
        let mut adjectives = base(ADJECTIVES, &mut seen);
        let adverbs = base(ADVERBS, &mut seen);
        // Planted words must stay exactly as selective as documented.
        for planted in ["harvest", "zeppelin"] {
            seen.insert(planted.to_string());
        }
        extend(&mut nouns, 3500, NOUN_SUFFIXES, &mut rng, &mut seen);
        extend(&mut adjectives, 1500, ADJ_SUFFIXES, &mut rng, &mut seen);
        extend(&mut verbs_past, 1000, VERB_SUFFIXES, &mut rng, &mut seen);
        let mut given_names = Vec::new();
        let mut surnames = Vec::new();
        extend(
            &mut given_names,
            600,
            &["a", "o", "el", "in", "", "ia", "an"],
            &mut rng,
            &mut seen,
        );
        extend(
            &mut surnames,
            2000,
            &["ov", "ez", "son", "i", "a", "er", "ski", "o"],
            &mut rng,
            &mut seen,
        );
        let cap =
            |v: Vec<String>| -> Vec<String> { v.into_iter().map(|w| capitalise(&w)).collect() };
        Vocab {
            nouns: Zipf::new(nouns, 1.15),
            verbs_past: Zipf::new(verbs_past, 1.15),
            verbs_base: Zipf::new(verbs_base, 1.0),
            adjectives: Zipf::new(adjectives, 1.15),
            adverbs: Zipf::new(adverbs, 1.0),
            given_names: Zipf::new(cap(given_names), 0.8),
            surnames: Zipf::new(cap(surnames), 0.8),
            cities: Zipf::new(CITIES.iter().map(|c| c.0.to_string()).collect(), 0.9),
        }
    }

    fn city(&self, rng: &mut Rng) -> usize {
        self.cities.sample_index(rng)
    }
}

/// Appends generated words to `words` until it holds `target`, skipping duplicates.
fn extend(
    words: &mut Vec<String>,
    target: usize,
    suffixes: &[&str],
    rng: &mut Rng,
    seen: &mut HashSet<String>,
) {
    while words.len() < target {
        let mut w = String::new();
        // Mostly one syllable before the suffix: long made-up words read as noise.
        let syllables = if rng.chance(0.3) { 2 } else { 1 };
        for _ in 0..syllables {
            w.push_str(rng.pick(ONSETS));
            w.push_str(rng.pick(VOWELS));
            w.push_str(rng.pick(CODAS));
        }
        w.push_str(rng.pick(suffixes));
        if w.len() >= 4 && seen.insert(w.clone()) {
            words.push(w);
        }
    }
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// Dates (proleptic Gregorian; Howard Hinnant's civil-from-days algorithm)

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

// ---------------------------------------------------------------------------------------------
// One dispatch

#[derive(Default)]
struct Doc {
    text: String,
    date: (i64, u32, u32),
    headline: std::ops::Range<usize>,
    dateline: std::ops::Range<usize>,
    /// Start of the text after the dateline's separator.
    body_start: usize,
}

/// Context that sentence templates draw on.
struct Ctx<'a> {
    v: &'a Vocab,
    rng: Rng,
    weekday: &'static str,
    year: i64,
    city: &'static str,
    country: &'static str,
}

impl Ctx<'_> {
    fn person(&mut self, out: &mut String) {
        out.push_str(self.v.given_names.sample(&mut self.rng));
        out.push(' ');
        out.push_str(self.v.surnames.sample(&mut self.rng));
    }
    fn number(&mut self, out: &mut String) {
        let r = &mut self.rng;
        let _ = match r.below(5) {
            0 => write!(out, "{}", 2 + r.below(40)),
            1 => write!(out, "{}.{} percent", r.below(12), r.below(10)),
            2 => write!(out, "{},{:03}", 1 + r.below(90), r.below(1000)),
            3 => write!(out, "{} million", 1 + r.below(900)),
            _ => write!(out, "{}", 100 + r.below(900)),
        };
    }

    /// Expands a template: N noun, V past verb, B base verb, A adjective, D adverb,
    /// O official, X person, T title + person, P a city, C a country, W weekday,
    /// # number, Y a year, ^ capitalise what comes next; any other byte is copied.
    fn expand(&mut self, tpl: &str, out: &mut String) {
        let mut cap_next = false;
        for b in tpl.bytes() {
            if b == b'^' {
                cap_next = true;
                continue;
            }
            let at = out.len();
            match b {
                b'N' => out.push_str(self.v.nouns.sample(&mut self.rng)),
                b'V' => out.push_str(self.v.verbs_past.sample(&mut self.rng)),
                b'B' => out.push_str(self.v.verbs_base.sample(&mut self.rng)),
                b'A' => out.push_str(self.v.adjectives.sample(&mut self.rng)),
                b'D' => out.push_str(self.v.adverbs.sample(&mut self.rng)),
                b'O' => out.push_str(self.rng.pick(OFFICIALS)),
                b'X' => self.person(out),
                b'T' => {
                    out.push_str(self.rng.pick(TITLES));
                    out.push(' ');
                    self.person(out);
                }
                b'P' => {
                    // Half the time the dispatch's own city: a story stays mostly local.
                    let c = if self.rng.chance(0.5) {
                        self.city
                    } else {
                        CITIES[self.v.city(&mut self.rng)].0
                    };
                    out.push_str(c)
                }
                b'C' => {
                    let c = if self.rng.chance(0.4) {
                        self.country
                    } else {
                        self.rng.pick(COUNTRIES)
                    };
                    out.push_str(c)
                }
                b'W' => out.push_str(self.weekday),
                b'#' => self.number(out),
                b'Y' => {
                    let y = self.year - 1 - self.rng.below(30) as i64;
                    let _ = write!(out, "{y}");
                }
                b => out.push(b as char),
            }
            // Everything generated is ASCII (only separators hold an em dash), so
            // upper-casing one byte is safe.
            if cap_next && out.len() > at {
                out[at..at + 1].make_ascii_uppercase();
                cap_next = false;
            }
        }
    }
}

/// Sentence templates; see `Ctx::expand` for the slot letters. Literal words are written
/// in lower case, so none collides with a slot letter; `^` capitalises.
const SENTENCES: &[&str] = &[
    "^O said on W that the A N would B the N of the N.",
    "^the N V # N in P and D V the A N, O said.",
    "^X, a spokesman for the N, told reporters the N was A and that the N V D.",
    "^it was the A N since Y, when the N V A N across C.",
    "^O in P V the N after # people were V in the A N.",
    "\"^we will B the N,\" T said. \"^the N is A and the N must B.\"",
    "^the A N V # on W, the A level since Y, O said.",
    "T V the N and said the government would B A N to the N.",
    "^O D V the A N, which V the N of # N in C.",
    "^the N of the A N V # in the first quarter, O said in a statement.",
    "^under the A N, the N would B N and B the A N by Y.",
    "^A N V across P on W as the N V the A N.",
    "^there was no A N from the N, but O said the N had D V.",
    "^the N, which V the N in Y, is expected to B the A N next month.",
    "X, who V the N in Y, said the A N had V the N.",
    "^O said the N was A, and V that the N could B the N.",
    "^the move V A N among N and N in C.",
    "^talks between the N and the N V on W in P.",
    "^the A N and the N V # N, O said.",
    "^D, the N V the N to B the N.",
    "^N and N in P V the A N, according to O.",
    "^the N V to B the A N of N and N.",
    "T, speaking in P, said C would B the N.",
    "# N were V, and the N V the A N in the A N.",
    "^O said the N of the N had V by # since Y.",
    "^in P, the A N V the N, and O D V the N.",
];

const CENTRAL_BANK: &[&str] = &[
    "^the central bank V its A rate to # percent, O said.",
    "^the central bank said on W it would B the N.",
    "^O expected the central bank to B rates at its next meeting.",
    "T said the central bank had D V the N.",
];

const HARVEST: &[&str] = &[
    "^the A harvest V # tonnes, O said.",
    "^farmers said the harvest would be A after the N.",
    "^O said the harvest had D V in P.",
    "^the harvest is expected to B the N of A N.",
];

const RARE: &str = "^the N said the old zeppelin hangar in P would B the N.";

const HEADLINES: &[&str] = &[
    "^A N V in P",
    "C N V N after A N",
    "P N V # N",
    "T V A N",
    "^N V as A N V N",
    "^O V N in C",
    "^A N to B N, O says",
];

/// How the dateline is written; the nine styles rotate by dispatch index.
#[derive(Clone, Copy)]
enum Style {
    /// `LONDON, March 3 (Reuters) - `
    Reuters,
    /// `BAHIA BLANCA, Argentina, Feb 26 - `
    WireCountry,
    /// `NEW YORK (AP) — `
    Ap,
    /// `SAN FRANCISCO, Calif. (AP) — `
    ApRegion,
    /// `BEIRUT (AFP) - `
    Afp,
    /// `Beirut, Oct. 30 (Xinhua) -- `
    Xinhua,
    /// `ISLAMABAD: `
    Colon,
    /// `PARIS — `
    Dash,
    /// `Astana, Kazakhstan-30 October 2017: `
    DayMonthYear,
}

const STYLES: [Style; 9] = [
    Style::Reuters,
    Style::WireCountry,
    Style::Ap,
    Style::ApRegion,
    Style::Afp,
    Style::Xinhua,
    Style::Colon,
    Style::Dash,
    Style::DayMonthYear,
];

/// Returns (dateline text, separator) for a dispatch.
fn dateline(
    style: Style,
    city: &(&str, &str, bool),
    m: u32,
    d: u32,
    y: i64,
    out: &mut String,
) -> &'static str {
    let (name, region, _) = *city;
    let upper = name.to_uppercase();
    let mi = (m - 1) as usize;
    let _ = match style {
        Style::Reuters => write!(out, "{upper}, {} {d} (Reuters)", MONTHS[mi]),
        Style::WireCountry => write!(out, "{upper}, {region}, {} {d}", MONTHS_WIRE[mi]),
        Style::Ap => write!(out, "{upper} (AP)"),
        Style::ApRegion => write!(out, "{upper}, {region} (AP)"),
        Style::Afp => write!(out, "{upper} (AFP)"),
        Style::Xinhua => write!(out, "{name}, {} {d} (Xinhua)", MONTHS_AP[mi]),
        Style::Colon => write!(out, "{upper}"),
        Style::Dash => write!(out, "{upper}"),
        Style::DayMonthYear => write!(out, "{name}, {region}-{d} {} {y}", MONTHS[mi]),
    };
    match style {
        Style::Reuters | Style::WireCountry | Style::Afp => " - ",
        Style::Ap | Style::ApRegion | Style::Dash => " — ",
        Style::Xinhua => " -- ",
        Style::Colon | Style::DayMonthYear => ": ",
    }
}

fn generate(v: &Vocab, seed: u64, index: u64, doc: &mut Doc) {
    let mut rng = Rng::for_doc(seed, index);
    let first = days_from_civil(1985, 1, 1);
    let last = days_from_civil(2024, 12, 31);
    let day = first + rng.below((last - first + 1) as usize) as i64;
    let (y, m, d) = civil_from_days(day);
    // 1970-01-01 (day 0) was a Thursday.
    let weekday = WEEKDAYS[(day + 3).rem_euclid(7) as usize];
    let style = STYLES[(index % STYLES.len() as u64) as usize];
    let city = &CITIES[v.city(&mut rng)];
    // AP writes US cities with a state, foreign ones with a country: both fit ApRegion.
    let target = 2100 + (2850.0 * rng.unit().min(rng.unit())) as usize;
    let has_harvest = rng.chance(0.30);
    let has_central_bank = rng.chance(0.12);
    let has_rare = index % RARE_EVERY == RARE_AT;
    let reuter = matches!(style, Style::Reuters) && rng.chance(0.45);

    let mut ctx = Ctx {
        v,
        rng,
        weekday,
        year: y,
        city: city.0,
        country: if city.2 { "the United States" } else { city.1 },
    };
    let text = &mut doc.text;
    text.clear();
    doc.date = (y, m, d);

    // Headline: mostly sentence case, some all caps as on old wires.
    let tpl = ctx.rng.pick(HEADLINES);
    ctx.expand(tpl, text);
    if ctx.rng.chance(0.2) {
        text.make_ascii_uppercase();
    }
    doc.headline = 0..text.len();
    text.push_str("\n\n");

    let dl_start = text.len();
    let sep = dateline(style, city, m, d, y, text);
    doc.dateline = dl_start..text.len();
    text.push_str(sep);
    doc.body_start = text.len();

    // Planted sentences go into random places in the body, not always the lead. They are
    // expanded first so filler can stop early enough to leave room for them.
    let mut planted: Vec<String> = Vec::new();
    for (yes, tpl) in [
        (has_harvest, ctx.rng.pick(HARVEST)),
        (has_central_bank, ctx.rng.pick(CENTRAL_BANK)),
        (has_rare, RARE),
    ] {
        if yes {
            let mut s = String::new();
            ctx.expand(tpl, &mut s);
            planted.push(s);
        }
    }
    let mut reserved: usize = planted.iter().map(|s| s.len() + 3).sum();

    // The sign-off and the planted sentences must fit under 5,000 bytes.
    let max = 4990 - if reuter { 8 } else { 0 };
    let mut in_para = 0;
    let mut para_len = 1 + ctx.rng.below(2);
    let mut scratch = String::new();
    let mut full = false;
    loop {
        scratch.clear();
        let done = full || text.len() >= target;
        let take_planted = !planted.is_empty() && (done || ctx.rng.chance(0.15));
        if take_planted {
            let s = planted.pop().unwrap_or_default();
            reserved -= s.len() + 3;
            scratch = s;
        } else if done {
            break;
        } else {
            let tpl = ctx.rng.pick(SENTENCES);
            ctx.expand(tpl, &mut scratch);
            if text.len() + scratch.len() + 3 + reserved > max {
                // Rare (targets end 40 bytes below the cap): stop rather than hunt for a
                // shorter sentence.
                full = true;
                continue;
            }
        }
        if in_para == para_len {
            text.push_str("\n\n");
            in_para = 0;
            para_len = 1 + ctx.rng.below(4);
        } else if in_para > 0 {
            text.push(' ');
        }
        text.push_str(&scratch);
        in_para += 1;
    }
    if reuter {
        text.push_str("\n Reuter");
    }
    text.push('\n');
}
