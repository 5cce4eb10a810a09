//! Threats of violence, recognised by what a clause says rather than by a fixed window of tokens.
//!
//! A comment is split into clauses (sentences, with quoted speech set apart). A clause holds a
//! threat when its writer states an intent, a wish, a call or a conditional promise of violence
//! against a person or a group, in any of these forms:
//!
//! - first-person intent, with any words between the parts and coordinated verbs: "I will find
//!   you and kill you", "I'm going to shoot every one of you at that embassy";
//! - doom foretold to the reader or a group: "you will pay with your life", "everyone who wrote
//!   this will end up like Karlov";
//! - calls and commands: "someone should shoot him", "hang them all", "death to ...";
//! - the passive of obligation: "they should be lined up and shot", "the author deserves to die";
//! - wishes: "I hope you die", "I want him dead", "may you burn";
//! - threatening idioms: "your days are numbered", "watch your back", "I know where you live",
//!   "you're next", "dead meat", "sleep with one eye open";
//! - glorification of the attack as an invitation to repeat it: "one down, who's next?",
//!   "we need more men like him", "follow his example";
//! - questions and leading phrases that carry a statement (`frames.rs`): "Should I kill all
//!   ...?", "Am I the only one who wants to shoot ...?", "Can we just hang ...?";
//! - clause forms (`forms.rs`): where a group "belongs", what it "deserves", "the only good ...
//!   is a dead ...", gladness at a death, no rest until they are dead, a weapon held ready for
//!   the reader, no one spared, intent to see to a death;
//! - the attack held up after the fact (`aftermath.rs`): regret that it spared anyone, the same
//!   wished on others, a reward for a killing to come, a dare priced in death, the reader's doom
//!   in the passive;
//! - threats implied by what they arrange (`implied.rs`): an ultimatum whose price mirrors the
//!   demand, a weapon meant for someone, watching the reader's life, the fate of the reader's
//!   kind, a death counted or dated, words declared over, arriving armed, blows prescribed.
//!
//! What does not hold: reporting ("he said they would all pay"), quotes, history and fiction,
//! calls for justice through the courts, negated or questioned clauses ("nobody deserves to die",
//! "should he be executed?") and idioms ("killing it", "I'd kill for a coffee", "dead wrong").
use std::collections::HashSet;

use super::normalize::{Normalized, Span, is_stretched, squeeze};
use super::spam::fnv1a;

mod aftermath;
mod approval;
mod forms;
mod frames;
mod groups;
mod implied;
mod repair;
mod veiled;

/// FNV-1a (the crate's [`fnv1a`]) for the word sets: the rules ask them about every word of
/// every comment, and the sets are fixed at start, so a hash that resists crafted collisions buys
/// nothing here while SipHash took a fifth of the whole check's time.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = fnv1a(self.0, bytes);
    }
}

pub(super) type FastSet<T> = HashSet<T, std::hash::BuildHasherDefault<Fnv>>;
pub(super) type FastMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;

/// A set of words that also recognises their stretched spellings (`kiiiill`).
#[derive(Debug, Clone, Default)]
pub(super) struct WordSet {
    exact: FastSet<&'static str>,
    squeezed: FastSet<String>,
}

impl WordSet {
    pub(super) fn new(words: &[&'static str]) -> Self {
        Self { exact: words.iter().copied().collect(), squeezed: words.iter().map(|w| squeeze(w)).collect() }
    }

    pub(super) fn has(&self, token: &str) -> bool {
        self.exact.contains(token) || (is_stretched(token) && self.squeezed.contains(&squeeze(token)))
    }
}

/// Verbs of violence done to someone, in their base form.
#[rustfmt::skip]
const VIOLENT: &[&str] = &[
    "kill", "kil", "murder", "shoot", "stab", "hang", "lynch", "behead", "decapitate", "slaughter", "strangle",
    "choke", "rape", "burn", "bomb", "nuke", "gas", "gut", "slit", "butcher", "beat", "hurt", "torture", "drown",
    "execute", "shank", "massacre", "exterminate", "annihilate", "eradicate", "wipe", "torch", "firebomb", "crucify",
    "stone", "maim", "blow", "gun", "mow", "string", "cut", "smash", "assassinate", "eliminate", "attack", "hunt",
    "bury", "end", "finish", "waste", "cap", "pop", "whack", "off", "destroy", "harm", "poison", "run", "take", "rip",
    "tear", "knife", "crush", "silence", "gouge", "throw", "bludgeon", "kneecap", "castrate", "decapitate", "disembowel", "incinerate",
    "rid", "snap", "break", "crack", "put", "suffocate", "smother", "skin", "punch", "slap", "kick", "whip", "flog",
    "electrocute", "impale", "dismember", "mutilate", "chop", "bash", "stomp", "batter", "purge", "cleanse", "murda",
    "stabb", "merk", "disembowel", "behead", "lynch", "set", "flay", "cripple", "assault", "injure", "wound",
    "garrotte", "garrote", "slay", "cull", "liquidate", "neutralize", "neutralise", "pick",
    // Raids, blows and street slang, each read with what must follow it (`violent_at`).
    "storm", "raid", "knock", "smack", "sink", "smoke", "light", "spray", "round",
    // Harm by what follows: "push him in front of a train", "feed him to the fish", "douse him in
    // petrol", "pull out his fingernails", "cave your face in".
    "push", "shove", "feed", "douse", "pull", "cave", "carve",
];

/// Verbs that threaten places (an embassy, a school), not only people.
const ATTACK: &[&str] = &[
    "shoot", "bomb", "nuke", "blow", "burn", "torch", "firebomb", "attack", "gas", "storm", "raze", "destroy", "raid",
    "spray",
];

/// Participles for the passive: "should be shot", "deserve to be hanged".
#[rustfmt::skip]
const DONE: &[&str] = &[
    "shot", "killed", "hanged", "hung", "lynched", "murdered", "executed", "beheaded", "burned", "burnt", "gassed",
    "nuked", "bombed", "slaughtered", "butchered", "stabbed", "strangled", "tortured", "exterminated", "eradicated",
    "wiped", "strung", "lined", "gunned", "drowned", "raped", "skinned", "crucified", "stoned", "decapitated",
    "massacred", "annihilated", "beaten", "hunted", "eliminated", "assassinated", "castrated", "quartered", "flogged",
    "whipped", "poisoned", "mowed", "mown", "culled", "liquidated", "neutralized", "neutralised", "slapped",
    "punched", "kicked", "electrocuted", "impaled", "dismembered", "mutilated", "suffocated", "smothered", "chopped",
    "bashed", "stomped", "battered", "purged", "disemboweled", "disembowelled", "bludgeoned", "knifed", "shanked",
    "maimed", "smashed", "crushed", "incinerated", "torched", "nuked", "flayed", "crippled", "assaulted", "injured",
    "wounded", "garrotted", "slain", "slayed", "euthanised", "euthanized", "sunk",
    // Street slang for shot or killed: "they gonna get clapped".
    "clapped", "merked", "offed", "whacked", "smoked",
];

/// Who a threat may be aimed at: pronouns, quantifiers and nouns for people and groups.
#[rustfmt::skip]
const PERSON: &[&str] = &[
    "you", "u", "ya", "yall", "ye", "youse", "yourself", "yourselves", "urself", "him", "her", "them", "em",
    "everyone", "everybody", "anyone", "anybody", "someone", "somebody", "whoever", "whomever", "all", "each",
    "every", "both", "those", "these", "rest", "lot", "people", "folks", "man", "men", "woman", "women", "guy",
    "guys", "kid", "kids", "children", "child", "family", "families", "bastard", "bastards", "traitor", "traitors",
    "infidel", "infidels", "kafir", "kafirs", "kuffar", "pig", "pigs", "scum", "person", "crowd", "delegation",
    "staff", "diplomat", "diplomats", "ambassador", "ambassadors", "official", "officials", "minister", "ministers",
    "president", "author", "authors", "writer", "writers", "editor", "editors", "reporter", "reporters", "journalist",
    "journalists", "moderator", "moderators", "mods", "admin", "admins", "cop", "cops", "police", "officer",
    "officers", "soldier", "soldiers", "troops", "politician", "politicians", "leader", "leaders", "muslims",
    "christians", "jews", "russians", "russian", "turks", "turk", "americans", "american", "arabs", "kurds",
    "syrians", "armenians", "europeans", "westerners", "immigrants", "refugees", "liberals", "conservatives",
    "leftists", "democrats", "republicans", "gays", "whites", "blacks", "putin", "erdogan", "lavrov", "assad",
    "obama", "trump", "karlov", "altintas", "hillary", "clinton", "mother", "wife", "husband", "son", "daughter",
    "sister", "brother", "heretics", "apostates", "shiites", "sunnis", "christian", "jew", "muslim",
    "immigrant", "migrant", "migrants", "foreigner", "foreigners", "cyclist", "cyclists", "pilot", "pilots",
    "landlord", "landlords", "manager", "managers", "broker", "brokers", "banker", "bankers", "thief", "thieves",
    "rapist", "rapists", "capitalist", "capitalists", "communist", "communists", "socialist", "socialists",
    "feminist", "feminists", "nazi", "nazis", "fascist", "fascists", "atheist", "atheists", "protester",
    "protesters", "protestor", "protestors", "worker", "workers", "teacher", "teachers", "doctor", "doctors",
    "nurse", "nurses", "lawyer", "lawyers", "scientist", "scientists", "academic", "academics", "gardener",
    "gardeners", "vegetarian", "vegetarians", "vegan", "vegans", "opponent", "opponents", "neighbour", "neighbours",
    "neighbor", "neighbors", "lesbian", "lesbians", "gay", "transgender", "transgenders", "homosexual",
    "homosexuals", "queer", "queers", "homo", "homos", "sexist", "sexists", "racist", "racists", "bigot",
    "bigots", "zionist", "zionists", "jihadist", "jihadists",
    "executive", "executives", "boss", "bosses", "driver", "drivers", "student", "students", "priest", "priests",
    "imam", "imams", "rabbi", "rabbis", "pastor", "pastors", "catholic", "catholics", "hindu", "hindus", "sikh",
    "sikhs", "buddhist", "buddhists", "asian", "asians", "african", "africans", "mexican", "mexicans", "indian",
    "indians", "latino", "latinos", "girl", "girls", "boy", "boys", "lady", "ladies", "citizen",
    "citizens", "voter", "voters", "supporter", "supporters", "member", "members", "followers", "believers",
    "whore", "whores", "bitch", "bitches", "slut", "sluts", "idiot", "idiots", "moron", "morons", "thug", "thugs",
    "tranny", "trannies", "faggot", "faggots", "fag", "fags", "retard", "retards", "cripple", "cripples",
    "disabled", "greeks", "greek", "kurd", "arab", "syrian", "armenian", "european", "westerner", "liberal",
    "conservative", "leftist", "democrat", "republican", "sinner", "sinners", "unbeliever", "unbelievers",
    "homeless", "elderly", "baby", "babies", "consul", "consuls", "guard", "guards", "bodyguard", "bodyguards", "staff",
    "crew", "mayor", "governor", "senator", "senators", "mp", "mps", "judge", "judges", "priest", "cleric", "clerics",
    "gypsies", "gypsy", "roma", "hispanics", "hispanic", "natives", "foreigners", "aliens", "illegals",
    "colleague", "colleagues", "owner", "owners", "organisers", "organizers", "commenters", "commentators", "readers",
    "columnist", "columnists", "photographer", "photographers", "translator", "translators", "spokesman",
    "spokesperson", "envoy", "envoys", "attache", "negotiators", "delegates", "hostages", "seeker", "seekers",
    // Contempt for a person stands for the person: "shoot this clown", "off this dude".
    "clown", "clowns", "dude", "dudes", "puppet", "puppets", "shill", "shills", "hack", "hacks", "enemy", "enemies",
    "troll", "trolls", "lowlife", "lowlifes", "degenerate", "degenerates", "savages", "board",
];

/// Words that point at the noun after them: "the translator", "every refugee".
const POINTING: &[&str] = &[
    "the", "this", "that", "these", "those", "every", "each", "all", "any", "your", "his", "her", "their", "our",
    "some", "our", "whole", "entire", "last", "next", "every", "fucking", "damn", "bloody", "russian", "turkish",
    "american", "single", "a", "one",
];

/// Words with the endings of agent nouns that are not people.
#[rustfmt::skip]
const NOT_AGENT: &[&str] = &[
    "power", "water", "paper", "number", "order", "border", "letter", "matter", "corner", "center", "computer",
    "printer", "tower", "river", "cancer", "poster", "banner", "timer", "monitor", "motor", "error", "mirror", "color",
    "colour", "floor", "sector", "behavior", "behaviour", "humour", "restaurant", "plant", "answer", "chapter",
    "theater", "theatre", "filter", "server", "browser", "router", "folder", "rumor", "rumour", "dinner", "summer",
    "winter", "weather", "flower", "burger", "laser", "layer", "counter", "trigger", "cover", "quarter", "barrier",
    "favour", "flavor", "flavour", "elevator", "generator", "indicator", "factor", "vector", "terror", "horror",
    "anchor", "harbor", "harbour", "labour", "honour", "armour", "odour", "tractor", "reactor", "interior",
    "exterior", "shelter", "center", "register", "disaster", "powder", "thunder", "ladder", "leather", "silver",
    "copper", "rubber", "pepper", "butter", "finger", "shoulder", "meter", "metre", "litre", "liter", "character",
    "container", "trailer", "speaker", "sticker", "marker", "blender", "cylinder", "calendar", "chamber",
    "remainder", "reminder", "powerpoint", "twitter", "letter", "newsletter", "encounter", "slaughter", "murder",
    "danger", "anger", "hunger", "career", "agreement", "argument", "comment", "moment", "document",
    "government", "parliament", "element", "event", "content", "statement", "payment", "movement", "treatment",
    "investment", "department", "development", "environment", "management", "equipment", "experiment",
    "instrument", "incident", "accident", "percent", "talent", "tournament", "entertainment", "achievement",
    "settlement", "punishment", "judgement", "judgment", "employment", "unemployment", "announcement",
    "advertisement", "apartment", "assessment", "assignment", "attachment", "commitment", "compartment",
    "component", "continent", "establishment", "excitement", "improvement", "instant", "distant", "constant",
    "elephant", "pleasant", "important", "relevant", "significant", "abundant", "brilliant", "restaurant",
    "covenant", "warrant", "variant", "outlier", "frontier", "dossier", "carrier", "barrier",
    "guarantee", "committee", "coffee", "degree", "referee", "history", "whatever", "however", "together", "another",
    "either", "neither", "whether", "rather", "further", "other",
    "forever", "never", "clever", "rather", "bitter", "better", "proper", "super", "upper", "inner", "outer",
    "chapter", "cluster", "monster", "poster", "lobster", "lobsters", "oyster", "hamster", "spider", "tiger",
    "panther", "rooster", "otter", "beaver", "flounder", "sweater", "helicopter", "scooter", "toaster", "heater",
    "newspaper", "wallpaper", "skyscraper", "container",
];

/// Nouns after "your", "his", "their" that make the possessive a target: "burn your house down".
#[rustfmt::skip]
const OWNED: &[&str] = &[
    "head", "heads", "face", "faces", "throat", "throats", "neck", "necks", "brains", "brain", "skull", "legs", "leg",
    "arms", "teeth", "guts", "heart", "family", "families", "kids", "children", "child", "wife", "husband", "mother",
    "mom", "mum", "father", "dad", "son", "daughter", "sister", "brother", "house", "home", "car", "office",
    "embassy", "embassies", "people", "friends", "parents", "baby", "body", "ass", "life", "lives", "whole", "entire",
    "loved", "houses", "homes", "cars", "shops", "businesses", "villages", "mosques", "churches", "jaw", "jaws", "nose",
    "ribs", "fingers", "hands", "hand", "eyes", "knees", "kneecaps", "kind", "wives", "husbands", "sons", "daughters",
    "families", "tongue", "tongues", "balls", "spine", "paper", "newspaper", "newsroom", "studio", "shop", "flat",
    "apartment", "building", "street", "village", "town", "mosque", "church", "synagogue", "school", "fingernails",
    "nails", "chest", "gut", "stomach", "belly",
];

/// Places an attack verb may be aimed at.
#[rustfmt::skip]
const PLACE: &[&str] = &[
    "embassy", "embassies", "consulate", "consulates", "gallery", "school", "schools", "church", "churches", "mosque",
    "mosques", "synagogue", "synagogues", "office", "offices", "newsroom", "building", "buildings", "parliament",
    "kremlin", "station", "city", "cities", "country", "house", "home", "headquarters", "hq", "capital",
    "newspaper", "newspapers", "moscow", "ankara", "istanbul", "washington", "london", "paris", "tehran", "damascus",
    "kiev", "kyiv", "jerusalem", "berlin", "beijing", "gallery", "galleries", "museum", "stadium", "rally",
];

/// Words that start a clause of the writer's own: "I", "we", with contractions.
const FIRST: &[&str] = &["i", "we", "ill", "im", "imma", "ima", "id", "ive", "iam", "well", "were", "weve", "wed"];

/// Subjects that carry the intent themselves ("I'll", "I'd", "imma").
const FIRST_INTENT: &[&str] = &["ill", "imma", "ima", "id", "well", "wed"];

/// Words of intent between the writer and the verb.
#[rustfmt::skip]
const INTENT: &[&str] = &[
    "will", "wil", "shall", "gonna", "gunna", "gon", "finna", "going", "goin", "wanna", "want", "wants", "would", "wud",
    "plan", "planning", "intend", "mean", "promise", "swear", "vow", "wait", "about", "ready", "coming", "gotta",
    "must", "need", "hope", "love", "like", "ll", "d", "start", "try", "decided", "determined", "prepared", "fixing", "dream", "dreaming", "fantasize", "fantasise", "fantasizing", "imagine",
    "imagining",
];

/// Words that negate a clause.
#[rustfmt::skip]
const NEGATION: &[&str] = &[
    "not", "never", "no", "nobody", "noone", "none", "dont", "doesnt", "didnt", "wont", "wouldnt", "shouldnt", "cant",
    "cannot", "couldnt", "isnt", "arent", "mustnt", "wasnt", "werent", "hasnt", "havent", "hadnt", "neither", "nor", "nothing", "without", "aint", "nt", "hardly",
    "stop", "against", "oppose",
];

/// Words that introduce another clause and its own subject: "I will tell you how they shot him".
#[rustfmt::skip]
const SUBORDINATE: &[&str] = &[
    "how", "why", "who", "whom", "what", "when", "where", "whether", "which", "if", "because", "since", "while", "he",
    "she", "they", "it", "said", "says", "think", "thought", "hear", "heard", "read", "saw", "see", "watch", "know",
    "knew", "wonder", "understand", "imagine", "believe",
];

/// Reporting verbs: a clause with one of these, said by someone other than the writer, is news.
#[rustfmt::skip]
const REPORTING: &[&str] = &[
    "said", "says", "told", "tells", "threatened", "threatens", "threatening", "shouted", "shouting", "screamed",
    "screaming", "yelled", "yelling", "claimed", "claims", "warned", "warns", "vowed", "vows", "declared", "wrote",
    "according", "allegedly", "reportedly", "quoted", "cried", "announced", "chanted", "chanting", "chant",
    "reported", "reports", "report", "heard", "tweeted", "posted", "calling", "called", "calls", "call", "celebrate",
    "celebrating", "celebrates", "glorify", "glorifying", "glorifies", "praise", "praising", "praises", "cheering",
    "cheered", "sign", "banner", "slogan", "headline", "headlines", "read", "reads",
];

/// Words that set a clause in fiction or history.
#[rustfmt::skip]
const FICTION: &[&str] = &[
    "movie", "movies", "film", "films", "novel", "book", "books", "character", "characters", "episode", "series",
    "show", "scene", "villain", "plot", "sequel", "thriller", "trailer", "netflix", "lyrics", "song", "game", "quote",
    "fiction", "play", "poem", "chapter", "actor", "role", "script", "history", "historically", "century", "archduke",
    "romans", "medieval",
];

/// Words before an ambiguous word of fiction that make it one: "the show", "a play".
const FICTION_DETERMINER: &[&str] =
    &["the", "a", "an", "this", "that", "his", "her", "their", "my", "tv", "that", "whole", "new", "in", "netflix"];

/// Words of harm to come for the reader (`Threats::menace_at`): death, its places and its marks.
#[rustfmt::skip]
const HARM: &[&str] = &[
    "kill", "die", "dead", "bullet", "bullets", "blood", "grave", "knife", "gun", "stab", "shoot", "hang", "bury",
    "funeral", "coffin", "throat", "skull", "bleed", "scream", "suffer", "rifle", "murder", "slaughter", "corpse",
    "widow", "orphans", "hospital", "morgue", "graveyard", "cemetery", "tomb", "eulogy", "ambulance", "fatherless",
    "orphan", "hurt", "pain", "obituary", "obituaries", "obit", "wheelchair", "straw", "pavement", "unrecognizable",
    "unrecognisable", "buried", "burying", "casket", "ditch", "identifying", "gunshot", "execution", "death",
    "stabbed", "shot", "killed",
];

/// Words that condemn what was said before them: "saying ... is disgusting".
const CONDEMNED: &[&str] = &[
    "disgusting",
    "sick",
    "monster",
    "monsters",
    "evil",
    "vile",
    "shameful",
    "unacceptable",
    "despicable",
    "appalling",
    "horrible",
    "wrong",
    "abhorrent",
    "inhuman",
];

/// Words that set a clause in the courts: justice, not violence.
#[rustfmt::skip]
const COURT: &[&str] = &[
    "trial", "court", "courts", "tried", "judge", "jury", "sentenced", "sentence", "convicted", "prosecuted", "law",
    "legal", "justice", "prison", "jail", "jailed", "penalty", "arrested", "charged", "lawful", "legally",
    "courtroom",
];

/// Words that make the verbs of violence about a contest: "we'll murder them at the polls".
#[rustfmt::skip]
const CONTEST: &[&str] = &[
    "polls", "poll", "election", "elections", "vote", "votes", "voting", "ballot", "debate", "match", "game", "games",
    "final", "finals", "race", "chess", "league", "cup", "score", "argument", "arguments", "playoffs", "tournament",
    "court", "exam", "test", "box",
];

/// Words about the attack in this story and attacks generally, for invitations to repeat it.
#[rustfmt::skip]
const VIOLENT_CONTEXT: &[&str] = &[
    "shot", "shoot", "shooting", "shooter", "killed", "kill", "killer", "killing", "assassin", "assassinated",
    "assassination", "gunman", "attack", "attacker", "murder", "murdered", "bullet", "bullets", "gun", "ambassador",
    "diplomat", "diplomats", "karlov", "altintas", "mevlut", "embassy", "dead", "death", "die", "martyr", "hero",
    "blood", "russian", "russians", "brother", "brothers", "aleppo", "allah", "kills", "rifle", "gun", "guns",
    "knife", "bomb", "bombs", "weapon", "weapons", "target", "targets", "shots", "embassies", "ambassadors",
    "consulate", "trigger", "bloody", "bloodshed", "hanging", "noose", "rope", "coffin", "grave",
];

/// Words for the attacker of the story, for praise of him.
const ATTACKER: &[&str] =
    &["shooter", "gunman", "killer", "assassin", "attacker", "altintas", "mevlut", "mert", "he", "him", "this", "man"];

/// Doom that a wish, an obligation or a prediction may hold for someone.
#[rustfmt::skip]
const DOOM: &[&str] = &[
    "die", "dies", "dead", "killed", "shot", "hang", "hangs", "hanged", "hung", "burn", "burns", "suffer", "suffers",
    "bleed", "bleeds", "executed", "murdered", "lynched", "beheaded", "raped", "tortured", "stabbed", "slaughtered",
    "perish", "perishes", "croak", "croaks", "swing", "swings", "next", "choke", "chokes", "drown", "drowns",
    "strung", "butchered", "gassed", "bombed", "nuked", "exterminated", "death", "blown", "destroyed", "clapped",
    "merked", "whacked",
];

/// Words that may stand between a wished-for subject and the doom: "you and your whole family die".
#[rustfmt::skip]
const WISH_FILLER: &[&str] = &[
    "gets", "get", "getting", "is", "are", "s", "will", "ll", "would", "all", "both", "soon", "slowly", "painfully",
    "horribly", "then", "too", "also", "ends", "end", "up", "be", "been", "just", "finally", "and", "your", "ur",
    "his", "her", "their", "family", "families", "kids", "children", "whole", "entire", "ones", "loved", "friends",
    "of", "one", "every", "last", "each", "you", "them", "him", "the", "same", "way", "really", "actually", "day",
    "someday", "to", "see", "was", "were", "being", "re", "r", "in", "at", "on", "cancer", "aids", "ebola", "sick",
    "covid", "a", "disease", "painful", "slow", "horrible", "here", "there", "out",
];

/// Tokens after which a verb of violence is a noun or an idiom: "take a stab", "kill for a coffee".
const NOUN_BEFORE: &[&str] = &["a", "an", "the", "this", "that", "my", "your", "his", "our", "their", "its", "no"];

/// Tokens that end the search for a target: "I'd kill for a coffee", "killing it", "shoot me a message".
#[rustfmt::skip]
const TARGET_STOP: &[&str] = &[
    "for", "to", "it", "this", "that", "me", "myself", "us", "time", "because", "but", "if", "when", "so", "about",
    "its", "some", "photos", "photo", "pictures", "picture", "video", "videos", "film", "footage", "scene", "mood",
    "vibe", "lights", "engine", "bill", "idea", "rumour", "rumor", "story", "buzz", "conversation", "joke", "exam",
    "test", "interview", "deal", "plan", "bottle", "pizza", "crossword", "speech",
];

/// Ditransitive objects: "shoot you a message", "I'll find you a link".
#[rustfmt::skip]
const GIVEN: &[&str] = &[
    "message", "email", "mail", "text", "link", "links", "note", "line", "dm", "pm", "look", "glance", "copy",
    "source", "sources", "article", "map", "reply", "answer", "call",
];

/// Words a writer may put inside a threatening phrase without changing it: "your days are
/// definitely numbered", "I know exactly where you live".
#[rustfmt::skip]
const FILLER: &[&str] = &[
    "definitely", "really", "so", "just", "all", "now", "surely", "certainly", "exactly", "already", "almost",
    "very", "truly", "officially", "literally", "totally", "actually", "absolutely", "probably", "fucking",
    "fuckin", "damn", "bloody", "soon", "too", "also", "still", "thing", "last", "final", "ever", "little", "nice",
    "small", "quick", "straight", "right", "directly",
];

/// Where a phrase that starts at token `i` ends, if it stands there within one clause: its words
/// in order, with at most two [`FILLER`] words between them.
fn phrase_end(words: &[&str], x: &Text<'_>, i: usize) -> Option<usize> {
    let same = |p: &str, t: &str| p == t || is_stretched(t) && squeeze(t) == squeeze(p);
    let (first, rest) = words.split_first()?;
    if !x.t.get(i).is_some_and(|t| same(first, t)) {
        return None;
    }
    let (mut k, mut skipped) = (i, 0);
    for p in rest {
        k += 1;
        while x.t.get(k).is_some_and(|t| !same(p, t) && FILLER.contains(t)) && skipped < 2 {
            k += 1;
            skipped += 1;
        }
        if !x.t.get(k).is_some_and(|t| same(p, t)) || x.clause[k] != x.clause[i] {
            return None;
        }
    }
    Some(k)
}

/// A phrase that threatens by itself, and what else it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Need {
    /// Nothing: "your days are numbered".
    Nothing,
    /// A reader or person within a few words before: "you ... in a body bag".
    Person,
    /// Talk of the attack or of killing in the comment: "who's next", "one down".
    Violence,
    /// The end of the clause or a full stop after it: "you're next" but not "you're next in line".
    Final,
    /// Both: the end of the clause and talk of violence: "this is only the beginning".
    End,
    /// Not followed by a thing given: "I will find you" but not "I will find you a link".
    Bare,
    /// The end of the clause with people named just before: "all of you Russian dogs are next".
    Group,
    /// A person right after it: "do the same to the editor", "accidents happen to reporters".
    Target,
    /// Standing alone: at the end of the clause, or before a time ("tonight") or the person
    /// addressed: "we are watching, reporter" but not "we are watching the trial" or "I know who
    /// you are, you're the reporter from TV".
    Alone,
}

const PHRASES: &[(&str, Need)] = &[
    ("your days are numbered", Need::Nothing),
    ("ur days are numbered", Need::Nothing),
    ("ur days r numbered", Need::Nothing),
    ("your days r numbered", Need::Nothing),
    ("watch your back", Need::Nothing),
    ("watch ur back", Need::Nothing),
    ("watch yo back", Need::Nothing),
    ("watch your six", Need::Nothing),
    ("know where you live", Need::Nothing),
    ("know where u live", Need::Nothing),
    ("kno where u live", Need::Nothing),
    ("know where ur", Need::Nothing),
    ("know where your kids", Need::Nothing),
    ("know where your family", Need::Nothing),
    ("know where your children", Need::Nothing),
    ("know where your wife", Need::Nothing),
    ("have your address", Need::Nothing),
    ("found your address", Need::Nothing),
    ("know your address", Need::Nothing),
    ("youre next", Need::Final),
    ("you are next", Need::Final),
    ("ur next", Need::Final),
    ("u r next", Need::Final),
    ("u are next", Need::Final),
    ("yall are next", Need::Final),
    ("yall next", Need::Final),
    ("you will be next", Need::Final),
    ("youll be next", Need::Final),
    ("you could be next", Need::Final),
    ("you might be next", Need::Final),
    ("you are all next", Need::Final),
    ("youre all next", Need::Final),
    ("next its you", Need::Nothing),
    ("next is you", Need::Nothing),
    ("next it will be you", Need::Nothing),
    ("next one will be you", Need::Nothing),
    ("will be you next", Need::Nothing),
    ("you are on my list", Need::Nothing),
    ("youre on my list", Need::Nothing),
    ("are first on my list", Need::Nothing),
    ("you are first", Need::Final),
    ("youre first", Need::Final),
    ("dead meat", Need::Person),
    ("sleep with one eye open", Need::Nothing),
    ("wont see it coming", Need::Nothing),
    ("will not see it coming", Need::Nothing),
    ("wont know what hit you", Need::Nothing),
    ("say goodbye to your", Need::Nothing),
    ("say your prayers", Need::Nothing),
    ("count your days", Need::Nothing),
    ("your time is coming", Need::Nothing),
    ("your time will come", Need::Nothing),
    ("your turn is coming", Need::Nothing),
    ("your turn will come", Need::Nothing),
    ("youll get yours", Need::Nothing),
    ("you will get yours", Need::Nothing),
    ("you have been warned", Need::Nothing),
    ("youve been warned", Need::Nothing),
    ("consider yourself warned", Need::Nothing),
    ("your last warning", Need::Nothing),
    ("coming for you", Need::Nothing),
    ("come for you", Need::Nothing),
    ("coming for u", Need::Nothing),
    ("coming for every one of you", Need::Nothing),
    ("coming for all of you", Need::Nothing),
    ("you can run but", Need::Nothing),
    ("you cant hide", Need::Nothing),
    ("we will get you", Need::Nothing),
    ("there will be blood", Need::Nothing),
    ("blood will be spilled", Need::Nothing),
    ("blood will be spilt", Need::Nothing),
    ("rivers of blood", Need::Nothing),
    ("bullet with your name", Need::Nothing),
    ("bullet in your head", Need::Nothing),
    ("bullet in ur head", Need::Nothing),
    ("bullet in his head", Need::Nothing),
    ("bullet in her head", Need::Nothing),
    ("bullet between your eyes", Need::Nothing),
    ("bullet between the eyes", Need::Nothing),
    ("put a bullet in", Need::Nothing),
    ("put a bullet through", Need::Nothing),
    ("deserves a bullet", Need::Nothing),
    ("deserve a bullet", Need::Nothing),
    ("six feet under", Need::Person),
    ("6 feet under", Need::Person),
    ("body bag", Need::Person),
    ("youre a dead man", Need::Nothing),
    ("you are a dead man", Need::Nothing),
    ("ur a dead man", Need::Nothing),
    ("youre dead", Need::Nothing),
    ("you are dead", Need::Nothing),
    ("ur dead", Need::Nothing),
    ("u r dead", Need::Nothing),
    ("u are dead", Need::Nothing),
    ("kill yourself", Need::Nothing),
    ("kill urself", Need::Nothing),
    ("kill ur self", Need::Nothing),
    ("kill your self", Need::Nothing),
    ("kys", Need::Nothing),
    ("go die", Need::Nothing),
    ("hang yourself", Need::Nothing),
    ("neck yourself", Need::Nothing),
    ("off yourself", Need::Nothing),
    ("drink bleach", Need::Nothing),
    ("die in a fire", Need::Nothing),
    ("slit your throat", Need::Nothing),
    ("slit ur throat", Need::Nothing),
    ("cut your throat", Need::Nothing),
    ("cut your head off", Need::Nothing),
    ("break your neck", Need::Nothing),
    ("break your legs", Need::Nothing),
    ("break every bone", Need::Nothing),
    ("blow your brains out", Need::Nothing),
    ("blow ur brains out", Need::Nothing),
    ("will happen to you", Need::Nothing),
    ("happen to you too", Need::Nothing),
    ("happened to him will happen", Need::Nothing),
    ("happened to karlov will happen", Need::Nothing),
    ("same fate as", Need::Violence),
    ("meet the same fate", Need::Nothing),
    ("get what he got", Need::Nothing),
    ("get what karlov got", Need::Nothing),
    ("gets what karlov got", Need::Nothing),
    ("get what the ambassador got", Need::Nothing),
    ("get the same treatment", Need::Violence),
    ("pay with your life", Need::Nothing),
    ("pay with ur life", Need::Nothing),
    ("pay with your lives", Need::Nothing),
    ("pay with their life", Need::Nothing),
    ("pay with their lives", Need::Nothing),
    ("pay with his life", Need::Nothing),
    ("pay with your blood", Need::Nothing),
    ("pay with their blood", Need::Nothing),
    ("pay with blood", Need::Nothing),
    ("you will pay for this", Need::Nothing),
    ("youll pay for this", Need::Nothing),
    ("you will pay for that", Need::Nothing),
    ("hunt you down", Need::Nothing),
    ("hunt u down", Need::Nothing),
    ("track you down", Need::Nothing),
    ("track u down", Need::Nothing),
    ("come after you", Need::Nothing),
    ("pay you a visit", Need::Nothing),
    ("something happened to your", Need::Nothing),
    ("something happens to your", Need::Nothing),
    ("something bad is going to happen to you", Need::Nothing),
    ("something bad will happen to you", Need::Nothing),
    ("something will happen to you", Need::Nothing),
    ("wont live to see", Need::Nothing),
    ("will not live to see", Need::Nothing),
    ("never see your kids again", Need::Nothing),
    ("never see your family again", Need::Nothing),
    ("never see your children again", Need::Nothing),
    ("end up like karlov", Need::Nothing),
    ("end up like him", Need::Nothing),
    ("end up like the ambassador", Need::Nothing),
    ("end up like your", Need::Nothing),
    ("ends up like karlov", Need::Nothing),
    ("first against the wall", Need::Nothing),
    ("up against the wall", Need::Nothing),
    ("against a wall and shot", Need::Nothing),
    ("off with his head", Need::Nothing),
    ("off with their heads", Need::Nothing),
    ("off with her head", Need::Nothing),
    ("hang em high", Need::Nothing),
    ("finish what he started", Need::Nothing),
    ("finish the job", Need::Alone),
    ("finish the job on", Need::Target),
    ("whos next", Need::Final),
    ("who is next", Need::Final),
    ("who will be next", Need::Violence),
    ("one down", Need::Violence),
    ("first of many", Need::Final),
    ("more will follow", Need::Violence),
    ("do it again", Need::Violence),
    ("his example", Need::Violence),
    ("his footsteps", Need::Violence),
    ("more diplomats will die", Need::Nothing),
    ("more will die", Need::Violence),
    ("now do the", Need::Violence),
    ("never write again", Need::Violence),
    ("with my gun", Need::Person),
    ("with a gun", Need::Person),
    ("with my rifle", Need::Person),
    ("my rifle to your", Need::Nothing),
    ("gun is loaded", Need::Violence),
    ("loading my gun", Need::Violence),
    ("beg for death", Need::Nothing),
    ("beg for mercy", Need::Nothing),
    ("will continue", Need::Violence),
    ("trigger on you", Need::Nothing),
    ("trigger on him", Need::Nothing),
    ("trigger on them", Need::Nothing),
    ("same should happen to", Need::Violence),
    ("same thing should happen to", Need::Violence),
    ("same will happen to", Need::Violence),
    ("many more to go", Need::Nothing),
    ("get a rope", Need::Nothing),
    ("gets a rope", Need::Nothing),
    ("get the rope", Need::Nothing),
    ("minutes alone with", Need::Nothing),
    ("see you dead", Need::Nothing),
    ("see u dead", Need::Nothing),
    ("see them dead", Need::Nothing),
    ("see him dead", Need::Nothing),
    ("bullet finds", Need::Nothing),
    ("know where you work", Need::Nothing),
    ("know where you sleep", Need::Nothing),
    ("know where u work", Need::Nothing),
    ("were watching you", Need::Nothing),
    ("we are watching you", Need::Nothing),
    ("looking over your shoulder", Need::Nothing),
    ("look over your shoulder", Need::Nothing),
    ("enjoy your last", Need::Nothing),
    ("your last days", Need::Nothing),
    ("family is not safe", Need::Nothing),
    ("family isnt safe", Need::Nothing),
    ("you are not safe", Need::Nothing),
    ("youre not safe", Need::Nothing),
    ("ur not safe", Need::Nothing),
    ("make an example of you", Need::Nothing),
    ("make an example of them", Need::Violence),
    ("what happens to anyone who", Need::Violence),
    ("what happens to those who", Need::Violence),
    ("what happens to people who", Need::Violence),
    ("you will not survive", Need::Nothing),
    ("you wont survive", Need::Nothing),
    ("wont leave alive", Need::Nothing),
    ("not leave alive", Need::Nothing),
    ("leave ankara alive", Need::Nothing),
    ("put you in the ground", Need::Nothing),
    ("put u in the ground", Need::Nothing),
    ("put you in the hospital", Need::Nothing),
    ("put you in a grave", Need::Nothing),
    ("put you in your grave", Need::Nothing),
    ("run you down", Need::Nothing),
    ("run you over", Need::Nothing),
    ("knife with your name", Need::Nothing),
    ("with your name on it", Need::Nothing),
    ("know who its for", Need::Violence),
    ("with a knife", Need::Person),
    ("with my knife", Need::Person),
    ("only the first", Need::End),
    ("the last ambassador we", Need::Nothing),
    ("the last diplomat we", Need::Nothing),
    ("fear us", Need::Violence),
    ("make sure you die", Need::Nothing),
    ("make sure you never", Need::Nothing),
    ("make sure he dies", Need::Nothing),
    ("will die until", Need::Nothing),
    ("should do to", Need::Nothing),
    ("a lesson with a", Need::Nothing),
    ("take care of the rest of", Need::Violence),
    ("youre finished", Need::Final),
    ("you are finished", Need::Final),
    ("its over for you", Need::Nothing),
    ("your end is near", Need::Nothing),
    ("wont live long", Need::Nothing),
    ("will not live long", Need::Nothing),
    ("dont have long to live", Need::Nothing),
    ("not long to live", Need::Person),
    ("spill your blood", Need::Nothing),
    ("your blood will", Need::Nothing),
    ("pay in blood", Need::Nothing),
    ("blood for blood", Need::End),
    ("head on a spike", Need::Nothing),
    ("head on a pike", Need::Nothing),
    ("bullet for you", Need::Nothing),
    ("bullet for him", Need::Violence),
    ("bullet for every", Need::Nothing),
    ("bullet for each", Need::Nothing),
    ("bullets for each", Need::Nothing),
    ("bullets for every", Need::Nothing),
    ("bullets for all", Need::Nothing),
    ("bullet for all", Need::Nothing),
    ("bullets for you", Need::Nothing),
    ("meet your maker", Need::Nothing),
    ("meet your god", Need::Nothing),
    ("send you to hell", Need::Nothing),
    ("send you to allah", Need::Nothing),
    ("send you to meet", Need::Nothing),
    ("make you disappear", Need::Nothing),
    ("find your body", Need::Nothing),
    ("wont find the body", Need::Nothing),
    ("never find the body", Need::Nothing),
    ("find the body", Need::Person),
    ("end your life", Need::Nothing),
    ("end ur life", Need::Nothing),
    ("take your life", Need::Nothing),
    ("your life is over", Need::Nothing),
    ("your last breath", Need::Nothing),
    ("wish you were never born", Need::Nothing),
    ("rest in pieces", Need::Nothing),
    ("your funeral", Need::Nothing),
    ("dig your grave", Need::Nothing),
    ("dig ur grave", Need::Nothing),
    ("digging your grave", Need::Nothing),
    ("your coffin", Need::Nothing),
    ("nobody can save you", Need::Nothing),
    ("no one can save you", Need::Nothing),
    ("cant protect you", Need::Nothing),
    ("cannot protect you", Need::Nothing),
    ("wont protect you", Need::Nothing),
    ("cant save you", Need::Nothing),
    ("marked man", Need::Nothing),
    ("marked for death", Need::Nothing),
    ("target on your back", Need::Nothing),
    ("you are a target", Need::Nothing),
    ("youre a target", Need::Nothing),
    ("price on your head", Need::Nothing),
    ("bounty on your head", Need::Nothing),
    ("on our list", Need::Person),
    ("hit list", Need::Person),
    ("kill list", Need::Nothing),
    ("outside your house", Need::Nothing),
    ("outside your door", Need::Nothing),
    ("at your door", Need::Nothing),
    ("knock on your door", Need::Nothing),
    ("knocking on your door", Need::Nothing),
    ("visit your family", Need::Nothing),
    ("or else", Need::Nothing),
    ("we are everywhere", Need::Nothing),
    ("were everywhere", Need::Nothing),
    ("we are among you", Need::Nothing),
    ("was never born", Need::Nothing),
    ("were never born", Need::Nothing),
    ("i will find you", Need::Bare),
    ("ill find you", Need::Bare),
    ("we will find you", Need::Bare),
    ("well find you", Need::Bare),
    ("i will find u", Need::Bare),
    ("ill find u", Need::Bare),
    ("im going to find you", Need::Bare),
    ("were going to find you", Need::Bare),
    ("we are going to find you", Need::Bare),
    ("and see what happens", Need::Final),
    ("see what happens to you", Need::Nothing),
    ("with you in it", Need::Nothing),
    ("with you inside", Need::Nothing),
    ("with them inside", Need::Violence),
    ("with them in it", Need::Violence),
    ("miss you when youre dead", Need::Nothing),
    ("miss you if you", Need::Violence),
    ("same happens to", Need::Violence),
    ("hope the same happens to", Need::Target),
    ("the same happens to you", Need::Nothing),
    ("same thing happens to", Need::Violence),
    ("karlovs fate", Need::Nothing),
    ("the ambassadors fate", Need::Nothing),
    ("your name is on my list", Need::Nothing),
    ("your name is on the list", Need::Alone),
    ("your name is on a list", Need::Alone),
    ("ur name is on", Need::Nothing),
    ("whats coming to you", Need::Nothing),
    ("get whats coming", Need::Nothing),
    ("you have it coming", Need::Nothing),
    ("youve got it coming", Need::Nothing),
    ("visit you at home", Need::Nothing),
    ("we will visit you", Need::Nothing),
    ("while you still can", Need::Nothing),
    ("death warrant", Need::Person),
    ("your life is in danger", Need::Final),
    ("you live or die", Need::Nothing),
    ("is a bullet", Need::Person),
    ("hanging is too good", Need::Nothing),
    ("death is too good", Need::Nothing),
    ("for your throat", Need::Nothing),
    ("will not be safe", Need::Person),
    ("wont be safe", Need::Person),
    ("make your life hell", Need::Nothing),
    ("wont see the new year", Need::Nothing),
    ("will not see the new year", Need::Nothing),
    ("wont see another", Need::Nothing),
    ("will not see another", Need::Nothing),
    ("watch my back", Need::Person),
    ("looking over my shoulder", Need::Person),
    ("accidents happen to", Need::Nothing),
    ("habit of disappearing", Need::Nothing),
    ("youll disappear", Need::Nothing),
    ("you will disappear", Need::Nothing),
    ("hear you scream", Need::Nothing),
    ("scream for mercy", Need::Nothing),
    ("will bury you", Need::Nothing),
    ("your kids will grow up without", Need::Nothing),
    ("your children will grow up without", Need::Nothing),
    ("blood will flow", Need::Nothing),
    ("blood will run", Need::Nothing),
    ("next time we wont miss", Need::Nothing),
    ("we wont miss", Need::Violence),
    ("next time it wont be", Need::Violence),
    ("next time the shots", Need::Violence),
    ("next ones wont be", Need::Violence),
    ("was just a warning", Need::Nothing),
    ("were a warning", Need::Violence),
    ("just a warning shot", Need::Nothing),
    ("we will attack again", Need::Nothing),
    ("we will strike again", Need::Nothing),
    ("brothers will strike again", Need::Nothing),
    ("more attacks are coming", Need::Nothing),
    ("what ill do to you", Need::Nothing),
    ("do to you what", Need::Nothing),
    ("do exactly what he did", Need::Violence),
    ("do the same as altintas", Need::Nothing),
    ("enough bullets for", Need::Nothing),
    ("plenty of bullets", Need::Nothing),
    ("my next target", Need::Person),
    ("youre my target", Need::Nothing),
    ("you are my target", Need::Nothing),
    ("youve been marked", Need::Nothing),
    ("you have been marked", Need::Nothing),
    ("ive marked you", Need::Nothing),
    ("im watching you", Need::Nothing),
    ("closer to a bullet", Need::Nothing),
    ("pray i never find", Need::Nothing),
    ("pray i dont find", Need::Nothing),
    ("while you can", Need::Person),
    ("kiss your kids goodbye", Need::Nothing),
    ("kiss your family goodbye", Need::Nothing),
    ("kiss your wife goodbye", Need::Nothing),
    ("kiss your children goodbye", Need::Nothing),
    ("say hi to karlov", Need::Nothing),
    ("say hello to karlov", Need::Nothing),
    ("joining karlov", Need::Nothing),
    ("join karlov", Need::Nothing),
    ("join your ambassador", Need::Nothing),
    ("then the rest of you", Need::Nothing),
    ("then you", Need::End),
    ("finish with you", Need::Nothing),
    ("should watch his back", Need::Nothing),
    ("better watch his back", Need::Nothing),
    ("should be looking over his shoulder", Need::Nothing),
    ("be very afraid", Need::Nothing),
    ("be afraid", Need::End),
    ("should be afraid", Need::Violence),
    ("tick tock reporter", Need::Nothing),
    ("tick tock author", Need::Nothing),
    ("tick tock your time", Need::Nothing),
    ("your time is running out", Need::Nothing),
    ("drag your body", Need::Nothing),
    ("your body will be found", Need::Nothing),
    ("sleeping with the fishes", Need::Nothing),
    ("sleep with the fishes", Need::Nothing),
    ("shove a knife", Need::Nothing),
    ("knife in your", Need::Nothing),
    ("puts a bullet in", Need::Nothing),
    ("putting a bullet in", Need::Nothing),
    ("strike you dead", Need::Nothing),
    ("strike him dead", Need::Nothing),
    ("strike them dead", Need::Nothing),
    ("up against a wall", Need::Nothing),
    ("fed to the dogs", Need::Nothing),
    ("feed you to the", Need::Nothing),
    ("feed him to the", Need::Nothing),
    ("feed them to the", Need::Nothing),
    ("carrying you out", Need::Nothing),
    ("carry you out", Need::Nothing),
    ("wont leave it alive", Need::Nothing),
    ("not leave it alive", Need::Nothing),
    ("wont make it out alive", Need::Nothing),
    ("not make it out alive", Need::Nothing),
    ("legitimate target", Need::Nothing),
    ("legitimate targets", Need::Nothing),
    ("not be so lucky", Need::Violence),
    ("wont be so lucky", Need::Violence),
    ("wont be as lucky", Need::Violence),
    ("or you die", Need::Nothing),
    ("or they die", Need::Violence),
    ("loading my rifle", Need::Violence),
    ("loaded my gun", Need::Violence),
    ("loaded my rifle", Need::Violence),
    ("deserve whats coming", Need::Nothing),
    ("deserve everything thats coming", Need::Nothing),
    ("deserves whats coming", Need::Nothing),
    ("shame if something happened", Need::Nothing),
    ("shame if something happens", Need::Nothing),
    ("shame if anything happened", Need::Nothing),
    ("shame if something were to happen", Need::Nothing),
    ("shame if it burned", Need::Nothing),
    ("shame if your", Need::Nothing),
    ("careful walking home", Need::Nothing),
    ("tend to disappear", Need::Nothing),
    ("have a way of disappearing", Need::Nothing),
    ("living on borrowed time", Need::Person),
    ("walking corpse", Need::Person),
    ("already dead", Need::Person),
    ("start digging your", Need::Nothing),
    ("dig your own grave", Need::Nothing),
    ("affairs in order", Need::Person),
    ("make peace with your god", Need::Nothing),
    ("make peace with your maker", Need::Nothing),
    ("write your will", Need::Nothing),
    ("what school your", Need::Nothing),
    ("where your kids go", Need::Nothing),
    ("where your children go", Need::Nothing),
    ("what car you drive", Need::Nothing),
    ("be the next karlov", Need::Nothing),
    ("next karlov will be you", Need::Nothing),
    ("your final warning", Need::Nothing),
    ("last warning", Need::Nothing),
    ("dont make me come", Need::Nothing),
    ("dont make me find you", Need::Nothing),
    ("regret the day you were born", Need::Nothing),
    ("pushing up daisies", Need::Person),
    ("matter of time before someone", Need::Person),
    ("dental records", Need::Person),
    ("karlov treatment", Need::Nothing),
    ("gets a bullet", Need::Nothing),
    ("what karlov got", Need::Nothing),
    ("what the ambassador got", Need::Nothing),
    ("make him disappear", Need::Nothing),
    ("make her disappear", Need::Nothing),
    ("make them disappear", Need::Nothing),
    ("make them all disappear", Need::Nothing),
    ("send them to hell", Need::Nothing),
    ("send them all to hell", Need::Nothing),
    ("send him to hell", Need::Nothing),
    ("send her to hell", Need::Nothing),
    ("back in a box", Need::Nothing),
    ("home in a box", Need::Nothing),
    ("in body bags", Need::Nothing),
    ("more altintas", Need::Nothing),
    ("another altintas", Need::Nothing),
    ("next altintas", Need::Nothing),
    ("more mevluts", Need::Nothing),
    ("another mevlut", Need::Nothing),
    ("next mevlut", Need::Nothing),
    ("we will avenge", Need::Violence),
    ("well avenge", Need::Violence),
    ("thats how you deal with", Need::Violence),
    ("showed us the way", Need::Violence),
    ("so will you", Need::Violence),
    ("deserve the same fate", Need::Violence),
    ("awaits you", Need::Nothing),
    ("death awaits", Need::Nothing),
    ("your fate is sealed", Need::Nothing),
    ("want your head", Need::Nothing),
    ("want his head", Need::Nothing),
    ("want her head", Need::Nothing),
    ("bring me his head", Need::Nothing),
    ("bring me your head", Need::Nothing),
    ("head on a plate", Need::Nothing),
    ("wring your neck", Need::Nothing),
    ("wring his neck", Need::Nothing),
    ("rearrange your face", Need::Nothing),
    ("limb from limb", Need::Nothing),
    ("feed you your", Need::Nothing),
    ("come for your family", Need::Nothing),
    ("coming for your", Need::Nothing),
    ("are targets now", Need::Nothing),
    ("is a target now", Need::Nothing),
    ("consider yourself dead", Need::Nothing),
    ("consider yourself a dead", Need::Nothing),
    ("this is a death threat", Need::Nothing),
    ("consider this a death threat", Need::Nothing),
    ("see you in hell", Need::Nothing),
    ("see what happens to your", Need::Target),
    ("get ready to die", Need::Nothing),
    ("prepare to die", Need::Nothing),
    ("take up arms against", Need::Nothing),
    ("hope more follow", Need::Violence),
    ("do what altintas did", Need::Nothing),
    ("do what mevlut did", Need::Nothing),
    ("do what he did", Need::Violence),
    ("open season on", Need::Target),
    ("ill have your head", Need::Nothing),
    ("or die", Need::End),
    ("dont test me", Need::Violence),
    ("the day you die", Need::Nothing),
    ("no place will be safe", Need::Nothing),
    ("nowhere will be safe", Need::Nothing),
    ("nowhere is safe for you", Need::Nothing),
    ("another lie and youre", Need::Nothing),
    ("another word and youre", Need::Nothing),
    ("one more lie and you", Need::Nothing),
    ("one more word and you", Need::Nothing),
    ("one more article and you", Need::Nothing),
    ("miss you when youre gone", Need::Nothing),
    ("we have your name", Need::Final),
    ("we have your photo", Need::Nothing),
    ("wont see 2017", Need::Nothing),
    ("so you never write again", Need::Nothing),
    ("break your hands", Need::Nothing),
    ("break his hands", Need::Nothing),
    ("decide when you die", Need::Nothing),
    ("ready for your neck", Need::Nothing),
    ("ready for your throat", Need::Nothing),
    ("bullet is waiting", Need::Nothing),
    ("knife is waiting", Need::Nothing),
    ("rope is waiting", Need::Nothing),
    ("run reporter run", Need::Nothing),
    ("run author run", Need::Nothing),
    ("nobody will ever find you", Need::Nothing),
    ("no one will ever find you", Need::Nothing),
    ("mother wont recognise you", Need::Nothing),
    ("mother wont recognize you", Need::Nothing),
    ("never miss twice", Need::Nothing),
    ("closer to the grave", Need::Nothing),
    ("closer to your grave", Need::Nothing),
    ("closer to death", Need::Person),
    ("regards in hell", Need::Nothing),
    ("find you in the river", Need::Nothing),
    ("find you in a ditch", Need::Nothing),
    ("body will never be found", Need::Nothing),
    ("karlov this", Need::Nothing),
    ("do a karlov", Need::Nothing),
    ("send more heroes", Need::Violence),
    ("wont stop at one", Need::Violence),
    ("one ambassador is not enough", Need::Nothing),
    ("not enough we want more", Need::Violence),
    ("hit them again", Need::Violence),
    ("when your kids leave school", Need::Nothing),
    ("walks home alone", Need::Person),
    ("safety depends on", Need::Nothing),
    ("think of your family before you publish", Need::Nothing),
    ("think of your family before you write", Need::Nothing),
    ("think about your family before you write", Need::Nothing),
    ("think of your kids before", Need::Nothing),
    ("tick tock", Need::Nothing),
    ("your clock is ticking", Need::Nothing),
    ("clock is ticking for you", Need::Nothing),
    ("your days are counted", Need::Nothing),
    ("enjoy your final", Need::Nothing),
    ("your last christmas", Need::Nothing),
    ("be your last article", Need::Nothing),
    ("was your last article", Need::Nothing),
    ("wrote your last article", Need::Nothing),
    ("last thing you will ever write", Need::Nothing),
    ("last thing youll ever", Need::Nothing),
    ("you will never write again", Need::Nothing),
    ("youll never write again", Need::Nothing),
    ("wont write another word", Need::Nothing),
    ("never publish again", Need::Person),
    ("your life ends here", Need::Nothing),
    ("life end here", Need::Nothing),
    ("your last day is coming", Need::Nothing),
    ("your last day on earth", Need::Nothing),
    ("your time is up", Need::Nothing),
    ("your time has come", Need::Nothing),
    ("your number is up", Need::Nothing),
    ("on borrowed time", Need::Person),
    ("youre on the list", Need::Nothing),
    ("you are on the list", Need::Nothing),
    ("put you on the list", Need::Nothing),
    ("coming to your house", Need::Nothing),
    ("coming to your home", Need::Nothing),
    ("when you least expect it", Need::Violence),
    ("closer than you think", Need::Violence),
    ("right behind you", Need::Violence),
    ("right outside your", Need::Nothing),
    ("look outside your window", Need::Nothing),
    ("check under your car", Need::Nothing),
    ("check your car for", Need::Nothing),
    ("dont start your car", Need::Nothing),
    ("your car will explode", Need::Nothing),
    ("your house will explode", Need::Nothing),
    ("your office will explode", Need::Nothing),
    ("will explode", Need::Violence),
    ("bomb in your", Need::Nothing),
    ("theres a bomb in", Need::Nothing),
    ("there is a bomb in", Need::Nothing),
    ("there is a bomb at", Need::Nothing),
    ("theres a bomb at", Need::Nothing),
    ("pity if it burned", Need::Nothing),
    ("pity if something", Need::Nothing),
    ("a pity if", Need::Violence),
    ("be careful accidents happen", Need::Nothing),
    ("accidents can happen to", Need::Nothing),
    ("bad things happen to people who", Need::Nothing),
    ("bad things happen to journalists", Need::Nothing),
    ("bad things happen to people like you", Need::Nothing),
    ("bad things happen to you", Need::Nothing),
    ("dont live long", Need::Person),
    ("never grow old", Need::Person),
    ("wont grow old", Need::Person),
    ("wont live to see your", Need::Nothing),
    ("kids will be orphans", Need::Nothing),
    ("children will be orphans", Need::Nothing),
    ("wife will be a widow", Need::Nothing),
    ("will be orphans", Need::Person),
    ("burying you", Need::Nothing),
    ("coffin ready", Need::Person),
    ("buy a coffin", Need::Nothing),
    ("dance on your grave", Need::Nothing),
    ("spit on your grave", Need::Nothing),
    ("piss on your grave", Need::Nothing),
    ("might be your last", Need::Nothing),
    ("could be your last", Need::Nothing),
    ("goodnight forever", Need::Nothing),
    ("see you soon", Need::Violence),
    ("see you very soon", Need::Violence),
    ("think about karlov before you", Need::Nothing),
    ("thought he was safe too", Need::Nothing),
    ("also thought he was safe", Need::Nothing),
    ("felt safe too", Need::Violence),
    ("ask karlov how", Need::Nothing),
    ("ask karlov what", Need::Nothing),
    ("what happened to the last one", Need::Person),
    ("saw what happened to karlov", Need::Person),
    ("what we did to karlov", Need::Nothing),
    ("we did to karlov", Need::Nothing),
    ("we will do it again", Need::Violence),
    ("we can do it again", Need::Violence),
    ("happen again anytime", Need::Violence),
    ("more karlovs", Need::Nothing),
    ("karlovs will fall", Need::Nothing),
    ("ambassadors will fall", Need::Nothing),
    ("diplomats will fall", Need::Nothing),
    ("next ambassador next bullet", Need::Nothing),
    ("share his fate", Need::Violence),
    ("share karlovs fate", Need::Nothing),
    ("same fate awaits", Need::Nothing),
    ("same bullet awaits", Need::Nothing),
    ("bullet awaits", Need::Nothing),
    ("awaits every", Need::Violence),
    ("awaits all", Need::Violence),
    // Veiled threats and the attack held up to be repeated, in more words (issue 12).
    ("never see it coming", Need::Nothing),
    ("never know what hit you", Need::Nothing),
    ("next on the list", Need::Final),
    ("next on my list", Need::Nothing),
    ("youre running out of time", Need::Violence),
    ("wont see christmas", Need::Nothing),
    ("will not see christmas", Need::Nothing),
    ("wont see next year", Need::Nothing),
    ("will not see next year", Need::Nothing),
    ("wont make it to", Need::Person),
    ("will not make it to", Need::Person),
    ("wont make it through", Need::Person),
    ("lock your doors", Need::Alone),
    ("lock your door", Need::Alone),
    ("dont go out alone", Need::Nothing),
    ("dont walk alone", Need::Nothing),
    ("shame if it", Need::Nothing),
    ("shame if something", Need::Nothing),
    ("shame if anything", Need::Nothing),
    ("pity if anything", Need::Nothing),
    ("sad if something", Need::Nothing),
    ("sad if she got hurt", Need::Nothing),
    ("sad if he got hurt", Need::Nothing),
    ("if something happened to you", Need::Nothing),
    ("have people in your", Need::Nothing),
    ("whos going to be next", Need::Final),
    ("who is going to be next", Need::Final),
    ("who will be the next", Need::Violence),
    ("first not the last", Need::Nothing),
    ("first but not the last", Need::Nothing),
    ("be a warning to you", Need::Nothing),
    ("be a lesson to you", Need::Nothing),
    ("a warning to all of you", Need::Nothing),
    ("a lesson to all of you", Need::Nothing),
    ("rest of you will follow", Need::Nothing),
    ("you will follow him", Need::Nothing),
    ("you will all follow", Need::Nothing),
    ("were watching", Need::Alone),
    ("we are watching", Need::Alone),
    ("we are always watching", Need::Nothing),
    ("always watching you", Need::Nothing),
    ("do it myself", Need::Violence),
    ("does it again", Need::Violence),
    ("do it again soon", Need::Violence),
    ("would have done the same", Need::Violence),
    ("pull the trigger myself", Need::Nothing),
    ("pull the trigger on", Need::Nothing),
    ("next time it will be you", Need::Nothing),
    ("next time its you", Need::Nothing),
    ("next time itll be you", Need::Nothing),
    ("next time it will be your", Need::Nothing),
    ("now the rest of", Need::Violence),
    ("rest of them are next", Need::Nothing),
    ("rest of you are next", Need::Nothing),
    ("should fear for his life", Need::Nothing),
    ("should fear for their lives", Need::Nothing),
    ("should fear for your life", Need::Nothing),
    ("better fear for your life", Need::Nothing),
    ("do the same to", Need::Target),
    ("and so do you", Need::Violence),
    ("same goes for you", Need::Violence),
    ("hope we never meet", Need::Nothing),
    ("pray we never meet", Need::Nothing),
    ("hope i never find you", Need::Nothing),
    ("pray i never find you", Need::Nothing),
    ("hope i never meet you", Need::Nothing),
    ("we know your face", Need::Alone),
    ("i know your face", Need::Alone),
    ("we know who you are", Need::Alone),
    ("i know who you are", Need::Alone),
    ("we know what you look like", Need::Alone),
    ("before someone gets you", Need::Nothing),
    ("tend to have accidents", Need::Nothing),
    ("have an accident", Need::Person),
    ("life insurance is paid", Need::Nothing),
    ("hope your life insurance", Need::Nothing),
    ("plan your funeral", Need::Nothing),
    ("planning your funeral", Need::Nothing),
    ("pick out your coffin", Need::Nothing),
    ("choose your coffin", Need::Nothing),
    ("you will join karlov", Need::Nothing),
    ("you will join the ambassador", Need::Nothing),
    ("join the ambassador", Need::Person),
    ("waiting for you outside", Need::Nothing),
    ("waiting outside your", Need::Nothing),
    ("better hire a bodyguard", Need::Nothing),
    ("better get a bodyguard", Need::Nothing),
    ("you need a bodyguard", Need::Alone),
    ("run while you can", Need::Alone),
    ("finish the job he started", Need::Nothing),
    ("your name is on it", Need::Alone),
    ("and where you work", Need::Nothing),
    ("and where you live", Need::Nothing),
    ("same is waiting for", Need::Target),
    ("same thing is waiting for", Need::Target),
    ("mess you up", Need::Person),
    ("knock you out", Need::Person),
    ("beat you up", Need::Person),
    ("rough you up", Need::Person),
    ("fuck you up", Need::Person),
    ("beat the crap out of you", Need::Nothing),
    ("beat the shit out of you", Need::Nothing),
    ("cleaning my gun", Need::Alone),
    ("cleaning my rifle", Need::Alone),
    ("oiling my gun", Need::Alone),
    ("sharpening my knife", Need::Alone),
    // Also held with talk of violence (the same phrases with `Need::Violence` above).
    ("loading my rifle", Need::Alone),
    ("loading my gun", Need::Alone),
    ("can all be shot", Need::Nothing),
    ("can all be hanged", Need::Nothing),
    ("can all be killed", Need::Nothing),
    ("can all be executed", Need::Nothing),
    ("can all die", Need::Nothing),
    ("died for writing less", Need::Nothing),
    ("died for saying less", Need::Nothing),
    ("been killed for writing less", Need::Nothing),
    ("been killed for less", Need::Nothing),
    ("dental records to identify", Need::Nothing),
    ("after the ambassador you", Need::Final),
    ("after karlov you", Need::Final),
    ("first karlov then you", Need::Nothing),
    ("when you least expect it we", Need::Nothing),
    ("when you least expect it i", Need::Nothing),
    ("and do what he did", Need::Nothing),
    ("next time well use more", Need::Nothing),
    ("next time we will use more", Need::Nothing),
    ("bullets were not enough", Need::Nothing),
    ("bullets werent enough", Need::Nothing),
    ("are next", Need::Group),
    ("hunt you like", Need::Nothing),
    ("should be set on fire", Need::Nothing),
    ("must be set on fire", Need::Nothing),
    ("should be set alight", Need::Nothing),
    ("hope others follow", Need::Violence),
    ("hope more will follow", Need::Violence),
    ("others will follow", Need::Violence),
    ("what i will do to you", Need::Violence),
    ("what we will do to you", Need::Violence),
    ("what well do to you", Need::Violence),
    ("what im going to do to you", Need::Violence),
    ("see you in a coffin", Need::Nothing),
    ("see you in your grave", Need::Nothing),
    ("see you in the ground", Need::Nothing),
    ("find you dead", Need::Nothing),
    ("find you dead in a", Need::Nothing),
    ("found dead in a ditch", Need::Person),
    ("found dead in a gutter", Need::Person),
    ("same end awaits", Need::Nothing),
    ("same death awaits", Need::Nothing),
    ("your kids are not safe", Need::Nothing),
    ("your kids arent safe", Need::Nothing),
    ("your children are not safe", Need::Nothing),
    ("your children arent safe", Need::Nothing),
    ("your wife is not safe", Need::Nothing),
    ("your family arent safe", Need::Nothing),
    ("nobody you love is safe", Need::Nothing),
    ("no one you love is safe", Need::Nothing),
    ("that was only a warning", Need::Alone),
    ("that was just a warning", Need::Alone),
    ("this was only a warning", Need::Alone),
    ("this is only a warning", Need::Alone),
    ("last thing you ever write", Need::Nothing),
    ("last article you ever write", Need::Nothing),
    ("last article you will ever write", Need::Nothing),
    ("last words you ever write", Need::Nothing),
    ("pay with his blood", Need::Nothing),
    ("pay with her blood", Need::Nothing),
    ("pay with her life", Need::Nothing),
    ("never see me coming", Need::Nothing),
    ("wont see me coming", Need::Nothing),
    ("never see us coming", Need::Nothing),
    ("wont see us coming", Need::Nothing),
    ("do what the gunman did", Need::Nothing),
    ("do what the shooter did", Need::Nothing),
    ("do what the killer did", Need::Nothing),
    ("do what the assassin did", Need::Nothing),
    ("find your corpse", Need::Nothing),
    ("your corpse out of", Need::Nothing),
    ("ever find your body", Need::Nothing),
    ("never find your body", Need::Nothing),
    ("squeeze the life out of", Need::Nothing),
    ("strangle the life out of", Need::Nothing),
    ("kick the life out of", Need::Nothing),
    ("crush the life out of", Need::Nothing),
    ("stab the life out of", Need::Nothing),
    ("knock the life out of", Need::Nothing),
    ("what happened to the last", Need::Person),
    ("while you still have legs", Need::Nothing),
    ("share the fate of", Need::Person),
    ("meet the fate of", Need::Person),
    ("suffer the fate of", Need::Person),
    ("home in a coffin", Need::Nothing),
    ("back in a coffin", Need::Nothing),
    ("leave in a coffin", Need::Nothing),
    ("say hello to the ambassador in hell", Need::Nothing),
    ("say hi to the ambassador in hell", Need::Nothing),
    ("say hello to him in hell", Need::Nothing),
    ("set your house on fire", Need::Nothing),
    ("set your home on fire", Need::Nothing),
    ("set your office on fire", Need::Nothing),
    ("set your car on fire", Need::Nothing),
    ("set you on fire", Need::Nothing),
    ("set them on fire", Need::Person),
    ("set him on fire", Need::Nothing),
    ("light you on fire", Need::Nothing),
    ("ill get you for this", Need::Nothing),
    ("get you for this", Need::Nothing),
    ("going to get you", Need::Alone),
    ("gonna get you", Need::Alone),
    ("will get you", Need::Alone),
    ("ill get you", Need::Alone),
    ("dead woman walking", Need::Person),
    ("dead man walking", Need::Person),
    ("dead men walking", Need::Nothing),
    ("shot the rest of them", Need::Nothing),
    ("killed the rest of them", Need::Nothing),
    ("rest of them too", Need::Violence),
    ("more of them with him", Need::Violence),
    ("only got one", Need::Violence),
    ("same needs to be done to", Need::Target),
    ("same should be done to", Need::Target),
    ("same must be done to", Need::Target),
    ("same has to be done to", Need::Target),
    ("next time aim for", Need::Target),
    ("been the one holding the gun", Need::Nothing),
    ("been the one pulling the trigger", Need::Nothing),
    ("been the one who shot", Need::Nothing),
    ("been the one to shoot", Need::Nothing),
    ("magazine into", Need::Target),
    ("clip into", Need::Target),
    ("bullets into", Need::Target),
    ("rounds into", Need::Target),
    ("more bullets for", Need::Target),
    ("a bullet for every", Need::Nothing),
    ("a bullet for each", Need::Nothing),
    // An ultimatum whose other branch is death: "go home or be killed".
    ("or be killed", Need::Alone),
    ("or be shot", Need::Alone),
    ("or be hanged", Need::Alone),
    ("or get shot", Need::Alone),
    ("or get killed", Need::Alone),
    ("or get hurt", Need::Alone),
    // Doom for the reader in idioms: the head that rolls, the days over, the reader as prey.
    ("your head will roll", Need::Nothing),
    ("your days are over", Need::Alone),
    ("ur days are over", Need::Alone),
    ("you are prey", Need::Nothing),
    ("youre prey", Need::Nothing),
    ("nowhere you can hide", Need::Nothing),
    ("nowhere to hide", Need::Person),
    ("game over for you", Need::Nothing),
    ("catch a bullet", Need::Alone),
    ("catch these hands", Need::Nothing),
    // The reader's body, grave and coffin made ready.
    ("grave is dug", Need::Nothing),
    ("dug your grave", Need::Nothing),
    ("reserve a coffin", Need::Nothing),
    ("spot in the cemetery for", Need::Target),
    ("closed casket", Need::Person),
    ("identifying your body", Need::Nothing),
    ("fishing your body", Need::Nothing),
    ("your body out of", Need::Nothing),
    ("bathe in your blood", Need::Nothing),
    ("knife in the gut", Need::Nothing),
    ("knife in your gut", Need::Nothing),
    ("knife in his gut", Need::Nothing),
    // Precautions the reader is told to take: a vest, the brakes, the windows.
    ("buy a bulletproof vest", Need::Alone),
    ("get a bulletproof vest", Need::Alone),
    ("wear a bulletproof vest", Need::Alone),
    ("falling out of windows", Need::Nothing),
    ("see the bullet coming", Need::Nothing),
    ("hear the shot", Need::Person),
    // Plans and lessons kept for the reader.
    ("what we have planned for you", Need::Alone),
    ("what i have planned for you", Need::Alone),
    ("what weve got planned for you", Need::Alone),
    ("what ive got planned for you", Need::Alone),
    ("teach you a lesson you will never forget", Need::Nothing),
    ("teach you a lesson youll never forget", Need::Nothing),
    ("teach you a lesson you wont forget", Need::Nothing),
    ("well find u", Need::Bare),
    ("well get you", Need::Alone),
    ("when you least expect it well", Need::Nothing),
    ("ticking on your life", Need::Nothing),
    ("ticking for you", Need::Nothing),
    // The attack as a start, a weapon used, a wish to have been the attacker.
    ("just the beginning", Need::End),
    ("only the beginning", Need::End),
    ("just the start", Need::End),
    ("only the start", Need::End),
    ("use it on you", Need::Violence),
    ("use it on him", Need::Violence),
    ("use it on them", Need::Violence),
    ("i wont miss", Need::End),
    ("we wont miss", Need::End),
    ("wish i was the one", Need::Violence),
    ("wish i had been the one", Need::Violence),
    ("wish i were the one", Need::Violence),
    ("bounty on", Need::Target),
    ("price on", Need::Target),
    ("final solution for", Need::Target),
    ("final solution to", Need::Target),
    ("blood must be spilled", Need::Nothing),
    ("blood must be spilt", Need::Nothing),
    ("blood must be shed", Need::Nothing),
    ("gets the same treatment", Need::Violence),
    ("and take you with me", Need::Nothing),
    ("and take you all with me", Need::Nothing),
    ("and take them with me", Need::Violence),
    ("you will not wake up", Need::Alone),
    ("you wont wake up", Need::Alone),
    ("meet the same end", Need::Nothing),
    ("consider yourself a target", Need::Nothing),
    ("stop you for good", Need::Nothing),
    ("stops you for good", Need::Nothing),
    ("shut you up for good", Need::Nothing),
    ("how long you keep breathing", Need::Nothing),
    ("how long you stay alive", Need::Nothing),
    ("will be the last time you", Need::Nothing),
    ("when im done with you", Need::Nothing),
    ("by the time im done with you", Need::Nothing),
    ("once im done with you", Need::Nothing),
    ("of you left to bury", Need::Nothing),
    ("bomb at your", Need::Nothing),
    ("bullet feels like", Need::Person),
    ("knife feels like", Need::Person),
    ("your head on a plate", Need::Nothing),
    ("your head on my wall", Need::Nothing),
    ("is what you deserve", Need::End),
    ("grow up without a father", Need::Person),
    ("grow up without a mother", Need::Person),
    ("not live to regret", Need::Nothing),
    ("wont live to regret", Need::Nothing),
    ("is next", Need::Group),
    ("stop a bullet", Need::Person),
    ("a bullet find", Need::Nothing),
    ("hands around your neck", Need::Nothing),
    ("hands around your throat", Need::Nothing),
    ("hands around his neck", Need::Nothing),
    ("hands around her neck", Need::Nothing),
    ("get our hands on you", Need::Nothing),
    ("get my hands on you", Need::Nothing),
    ("home in a bag", Need::Nothing),
    ("home in bags", Need::Nothing),
    ("home in body bags", Need::Nothing),
    ("home in pieces", Need::Nothing),
    ("war to your doorstep", Need::Nothing),
    ("war is coming to your", Need::Nothing),
    ("within an inch of", Need::Person),
    ("youre a goner", Need::Alone),
    ("you are a goner", Need::Alone),
    ("never sees another birthday", Need::Nothing),
    ("never see another birthday", Need::Nothing),
    ("sell tickets to your", Need::Nothing),
    ("video of your death", Need::Nothing),
    ("are what you deserve", Need::End),
];

/// Words after "dead" that make it an idiom ("you are dead wrong", "you're dead to me").
#[rustfmt::skip]
const DEAD_IDIOM: &[&str] = &[
    "wrong", "right", "serious", "on", "set", "tired", "last", "center", "centre", "sure", "to", "inside", "end",
    "ahead", "even", "broke", "weight", "heat", "silence", "lines", "ringer", "giveaway", "funny", "boring", "tired",
    "in", "of",
];

/// The threat recogniser, built once.
#[derive(Debug, Clone)]
pub struct Threats {
    violent: WordSet,
    attack: WordSet,
    done: WordSet,
    person: WordSet,
    /// The singulars of the plural nouns for people ("refugee", "journalist"), so a threat to
    /// "every refugee" is read like one to "all refugees".
    person_singular: FastSet<String>,
    owned: WordSet,
    place: WordSet,
    first: WordSet,
    first_intent: WordSet,
    intent: WordSet,
    negation: WordSet,
    subordinate: WordSet,
    reporting: WordSet,
    fiction: WordSet,
    court: WordSet,
    contest: WordSet,
    violent_context: WordSet,
    attacker: WordSet,
    doom: WordSet,
    wish_filler: WordSet,
    noun_before: WordSet,
    target_stop: WordSet,
    given: WordSet,
    harm: WordSet,
    dead_idiom: WordSet,
    phrases: Vec<(Vec<&'static str>, Need)>,
    /// The phrases by their first word, so that a token is only compared with the phrases that
    /// may start with it.
    phrase_starts: FastMap<&'static str, Vec<usize>>,
    /// The same by the first word with its repeated letters squeezed ("yoou" → "you"), for a
    /// stretched token ("youuuu", but also "www").
    phrase_starts_squeezed: FastMap<String, Vec<usize>>,
    repair: repair::Repair,
    frames: frames::Frames,
    /// For each word, the forms of `implied.rs` and `aftermath.rs` that need it (one bit each).
    gates: FastMap<&'static str, u64>,
}

impl Default for Threats {
    fn default() -> Self {
        Self::new()
    }
}

/// A comment's tokens with what the threat rules need to know about each.
struct Text<'a> {
    t: Vec<&'a str>,
    /// Clause (sentence or quotation) number of each token.
    clause: Vec<usize>,
    /// Whether a token stands inside quotation marks.
    quoted: Vec<bool>,
    /// Whether a token starts with a capital in the original text.
    capital: Vec<bool>,
    /// Whether a comma (or dash) stands just before a token.
    comma: Vec<bool>,
    /// Whether each clause ends with a question mark.
    question: Vec<bool>,
    /// The first token of each clause.
    starts: Vec<usize>,
    /// One past the last token of each clause.
    ends: Vec<usize>,
    /// The forms whose words occur in the comment, one bit each (`Threats::gates`).
    gates: u64,
}

/// Words a writer opens a sentence with that say nothing themselves ("Honestly, hang them all",
/// "Mark my words, you're next", "And I will find you"): with a comma after them, or for the
/// few that never start a clause of their own without one.
#[rustfmt::skip]
const DISCOURSE: &[&[&str]] = &[
    &["honestly"], &["seriously"], &["frankly"], &["quite", "frankly"], &["listen"], &["listen", "here"], &["look"],
    &["well"], &["ok"], &["okay"], &["so"], &["yes"], &["yeah"], &["yep"], &["hey"], &["oh"], &["guys"], &["folks"],
    &["mate"], &["lol"], &["haha"], &["man"], &["dude"], &["bro"], &["sir"], &["anyway"], &["anyways"], &["also"],
    &["plus"], &["now"], &["again"], &["really"], &["truly"], &["trust", "me"], &["believe", "me"], &["mark", "my", "words"],
    &["to", "be", "honest"], &["to", "be", "clear"], &["to", "be", "fair"], &["in", "my", "opinion"], &["imo"],
    &["tbh"], &["personally"], &["i", "mean"], &["you", "know"], &["just", "saying"], &["bottom", "line"],
    &["let", "me", "be", "clear"], &["make", "no", "mistake"], &["as", "far", "as", "im", "concerned"], &["i", "swear"], &["i", "promise"], &["i", "guarantee"],
    &["but"], &["and"], &["then"], &["still"], &["remember"], &["note"], &["fine"], &["right"], &["okay", "then"],
];
/// Of those, the ones that open a sentence without a comma after them.
const DISCOURSE_BARE: &[&str] = &["and", "but", "so", "honestly", "seriously", "frankly", "plus", "also", "now"];

/// Sets a clause's opening discourse words ([`DISCOURSE`]) apart as a clause of their own, so the
/// forms that read a clause from its first word see the sentence the writer meant.
fn split_discourse(
    t: &[&str],
    comma: &[bool],
    clause: &mut [usize],
    starts: &mut Vec<usize>,
    ends: &mut Vec<usize>,
    question: &mut Vec<bool>,
) {
    let mut c = 0;
    while c < starts.len() {
        let (s, e) = (starts[c], ends[c]);
        let mut at = s;
        // Several may stand together: "And honestly, ...".
        loop {
            let found = DISCOURSE.iter().filter(|p| t.get(at..at + p.len()) == Some(p)).map(|p| p.len()).find(|&len| {
                let next = at + len;
                next < e && (comma.get(next).copied().unwrap_or(false) || len == 1 && DISCOURSE_BARE.contains(&t[at]))
            });
            match found {
                Some(len) => at += len,
                None => break,
            }
        }
        if at > s && at < e {
            starts.insert(c + 1, at);
            ends.insert(c, at);
            question.insert(c, false);
            for k in clause.iter_mut().skip(at) {
                *k += 1;
            }
            c += 2;
        } else {
            c += 1;
        }
    }
}

impl<'a> Text<'a> {
    /// `declared`: tokens whose clause is a statement even if it ends with a question mark (a
    /// frame such as "should I ..." was put back into its statement).
    fn new(body: &str, n: &'a Normalized, declared: &[usize]) -> Self {
        let t: Vec<&str> = n.tokens.iter().map(|t| t.text.as_str()).collect();
        // Quotation state at each byte.
        let mut quoted = Vec::with_capacity(t.len());
        let mut inside = false;
        let mut pos = 0;
        let bytes_quote =
            |s: &str| -> usize { s.chars().filter(|c| matches!(c, '"' | '“' | '”' | '«' | '»' | '„')).count() };
        let mut clause = Vec::with_capacity(t.len());
        let mut comma = Vec::with_capacity(t.len());
        let mut capital = Vec::with_capacity(t.len());
        let mut question = Vec::new();
        let mut starts = Vec::new();
        let mut ends = Vec::new();
        let mut current = 0;
        for (i, tok) in n.tokens.iter().enumerate() {
            let gap = body.get(pos..tok.span.start).unwrap_or("");
            let quotes = bytes_quote(gap);
            if quotes % 2 == 1 {
                inside = !inside;
            }
            let boundary = gap.chars().any(|c| matches!(c, '.' | '!' | '?' | ';' | ':' | '\n')) || quotes > 0;
            if i == 0 {
                starts.push(0);
            } else if boundary {
                ends.push(i);
                question.push(gap.contains('?'));
                starts.push(i);
                current += 1;
            }
            clause.push(current);
            comma.push(gap.chars().any(|c| matches!(c, ',' | '–' | '—' | '(' | ')')));
            capital.push(
                body.get(tok.span.start..tok.span.end).and_then(|s| s.chars().next()).is_some_and(char::is_uppercase),
            );
            quoted.push(inside);
            pos = tok.span.end;
        }
        if !t.is_empty() {
            ends.push(t.len());
            question.push(body.get(pos..).unwrap_or("").contains('?'));
        }
        split_discourse(&t, &comma, &mut clause, &mut starts, &mut ends, &mut question);
        for &d in declared {
            if let Some(q) = clause.get(d).and_then(|c| question.get_mut(*c)) {
                *q = false;
            }
        }
        // A comment in capitals ("KILL THE LIGHTS") has no names to tell by their capital.
        let letters = body.chars().filter(|c| c.is_alphabetic());
        let (upper, all) = letters.fold((0usize, 0usize), |(u, a), c| (u + usize::from(c.is_uppercase()), a + 1));
        if all >= 6 && upper * 10 >= all * 7 {
            capital.iter_mut().for_each(|c| *c = false);
        }
        // A comment wholly in quotes is the writer's own words.
        if quoted.iter().all(|q| *q) {
            quoted.iter_mut().for_each(|q| *q = false);
        }
        Text { t, clause, quoted, capital, comma, question, starts, ends, gates: 0 }
    }

    fn end_of(&self, i: usize) -> usize {
        self.clause.get(i).and_then(|c| self.ends.get(*c)).copied().unwrap_or(self.t.len())
    }

    fn start_of(&self, i: usize) -> usize {
        self.clause.get(i).and_then(|c| self.starts.get(*c)).copied().unwrap_or(0)
    }

    /// Whether the words of the form with bit `bit` occur in the comment.
    fn hit(&self, bit: u32) -> bool {
        self.gates & (1u64 << bit) != 0
    }

    /// Whether any of `words` occurs anywhere in the comment.
    fn has_any(&self, words: &[&str]) -> bool {
        self.t.iter().any(|t| words.contains(t))
    }

    fn is(&self, i: usize, words: &[&str]) -> bool {
        self.t.get(i).is_some_and(|w| words.contains(w))
    }
}

impl Threats {
    pub fn new() -> Self {
        Self {
            violent: WordSet::new(VIOLENT),
            attack: WordSet::new(ATTACK),
            done: WordSet::new(DONE),
            person: WordSet::new(PERSON),
            person_singular: PERSON
                .iter()
                .filter(|w| w.len() >= 6 && !matches!(**w, "whites" | "blacks" | "browns" | "yourselves"))
                .filter_map(|w| w.strip_suffix('s'))
                .filter(|w| !PERSON.contains(w))
                .map(str::to_string)
                .collect(),
            owned: WordSet::new(OWNED),
            place: WordSet::new(PLACE),
            first: WordSet::new(FIRST),
            first_intent: WordSet::new(FIRST_INTENT),
            intent: WordSet::new(INTENT),
            negation: WordSet::new(NEGATION),
            subordinate: WordSet::new(SUBORDINATE),
            reporting: WordSet::new(REPORTING),
            fiction: WordSet::new(FICTION),
            court: WordSet::new(COURT),
            contest: WordSet::new(CONTEST),
            violent_context: WordSet::new(VIOLENT_CONTEXT),
            attacker: WordSet::new(ATTACKER),
            doom: WordSet::new(DOOM),
            wish_filler: WordSet::new(WISH_FILLER),
            noun_before: WordSet::new(NOUN_BEFORE),
            target_stop: WordSet::new(TARGET_STOP),
            given: WordSet::new(GIVEN),
            harm: WordSet::new(HARM),
            dead_idiom: WordSet::new(DEAD_IDIOM),
            phrases: PHRASES.iter().map(|(p, need)| (p.split(' ').collect(), *need)).collect(),
            frames: frames::Frames::new(),
            gates: {
                let mut gates: FastMap<&'static str, u64> = FastMap::default();
                for (bit, lists) in implied::GATES.iter().chain(aftermath::GATES) {
                    for w in lists.iter().flat_map(|l| l.iter()) {
                        *gates.entry(w).or_default() |= 1u64 << bit;
                    }
                }
                gates
            },
            phrase_starts: PHRASES.iter().enumerate().fold(FastMap::default(), |mut m, (n, (p, _))| {
                m.entry(p.split(' ').next().unwrap_or("")).or_insert_with(Vec::new).push(n);
                m
            }),
            phrase_starts_squeezed: PHRASES.iter().enumerate().fold(FastMap::default(), |mut m, (n, (p, _))| {
                m.entry(squeeze(p.split(' ').next().unwrap_or(""))).or_insert_with(Vec::new).push(n);
                m
            }),
            repair: repair::Repair::new(
                [
                    VIOLENT,
                    ATTACK,
                    DONE,
                    PERSON,
                    OWNED,
                    PLACE,
                    FIRST,
                    FIRST_INTENT,
                    INTENT,
                    NEGATION,
                    SUBORDINATE,
                    REPORTING,
                    FICTION,
                    COURT,
                    CONTEST,
                    VIOLENT_CONTEXT,
                    ATTACKER,
                    DOOM,
                    WISH_FILLER,
                    NOUN_BEFORE,
                    TARGET_STOP,
                    GIVEN,
                    DEAD_IDIOM,
                ]
                .into_iter()
                .flatten()
                .copied()
                .chain(PHRASES.iter().flat_map(|(p, _)| p.split(' '))),
            ),
        }
    }

    /// Spans of every threat found in a comment: the original text from the first to the last
    /// word of each threatening clause part.
    pub fn find(&self, body: &str, n: &Normalized) -> Vec<Span> {
        let repaired = self.repair.apply(n);
        let n = repaired.as_ref().unwrap_or(n);
        let plain = Text::new(body, n, &[]);
        let framed = self.frames.apply(n, &plain.starts);
        let (n, x) = match &framed {
            Some((m, declared)) => (m, Text::new(body, m, declared)),
            None => (n, plain),
        };
        let mut x = x;
        x.gates = x.t.iter().fold(0, |m, w| m | self.gates.get(w).copied().unwrap_or(0));
        let x = x;
        let mut found: Vec<(usize, usize)> = Vec::new();
        let violence = x.t.iter().any(|w| self.violent_context.has(w));
        for i in 0..x.t.len() {
            if i == x.start_of(i) {
                self.menace_at(&x, i, &mut found);
                self.approval_at(&x, i, &mut found);
                self.more_at(&x, i, &mut found);
                self.group_at(&x, i, &mut found);
                self.veiled_at(&x, i, &mut found);
                self.aftermath_at(&x, i, violence, &mut found);
                self.implied_at(&x, i, violence, &mut found);
            }
            self.intent_at(&x, i, &mut found);
            self.doom_at(&x, i, &mut found);
            self.call_at(&x, i, &mut found);
            self.command_at(&x, i, &mut found);
            self.passive_at(&x, i, &mut found);
            self.wish_at(&x, i, &mut found);
            self.phrase_at(&x, i, violence, &mut found);
            self.praise_at(&x, i, violence, &mut found);
        }
        let mut spans: Vec<Span> =
            found.into_iter().filter(|&(a, b)| self.stands(&x, a, b)).filter_map(|(a, b)| n.span_of(a, b)).collect();
        spans.sort_by_key(|s| (s.start, s.end));
        spans.dedup();
        // Keep the widest of overlapping spans.
        let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
        for s in spans {
            match merged.last_mut() {
                Some(last) if s.start < last.end => last.end = last.end.max(s.end),
                _ => merged.push(s),
            }
        }
        merged
    }

    /// Whether a match at tokens `a..=b` is the writer's own: not quoted, not reported, not
    /// fiction or history.
    fn stands(&self, x: &Text<'_>, a: usize, b: usize) -> bool {
        if x.quoted.get(a).copied().unwrap_or(false) || self.hearsay(x, a, b) || self.photographed(x, a, b) {
            return false;
        }
        // "Saying ... should be killed is disgusting", "if you think ... should die, you're a
        // monster": the threat is what the writer condemns.
        let (s0, e0) = (x.start_of(a), x.end_of(b.max(a)));
        if x.has_any(CONDEMNED)
            && (s0..(a + 3).min(e0))
                .any(|k| x.is(k, &["saying", "claiming", "suggesting", "think", "thinks", "says", "say"]))
            && (b + 1..e0).any(|k| x.is(k, CONDEMNED))
        {
            return false;
        }
        let (s, e) = (x.start_of(a), x.end_of(b.max(a)));
        for k in s..e {
            let w = x.t[k];
            if self.fiction.has(w) && (!self.ambiguous_fiction(w) || x.is(k.wrapping_sub(1), FICTION_DETERMINER)) {
                return false;
            }
            if w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()) && w.parse::<u32>().is_ok_and(|y| y < 2016) {
                return false;
            }
            if self.reporting.has(w) && !self.own_report(x, k) {
                return false;
            }
        }
        true
    }

    /// Words of fiction that are also common verbs or nouns ("show up", "play a role", "game
    /// over"): they set a clause in fiction only after a determiner ("the show", "a play").
    fn ambiguous_fiction(&self, w: &str) -> bool {
        matches!(
            w,
            "show" | "play" | "game" | "quote" | "scene" | "role" | "character" | "script" | "plot" | "series" | "book"
        )
    }

    /// "I said", "who wrote this", "die screaming": a reporting verb that does not make the
    /// clause news. Someone else's report has a subject before it ("he said", "the crowd was
    /// chanting", "Reuters reported") or opens the clause ("according to").
    fn own_report(&self, x: &Text<'_>, k: usize) -> bool {
        let w = x.t[k];
        if matches!(w, "according" | "allegedly" | "reportedly") {
            return false;
        }
        if k == 0 || x.is(k - 1, &["i", "we", "who", "whoever", "you", "u", "ive", "weve", "and", "im", "ill", "id"]) {
            return k != 0 || !matches!(w, "reports" | "report");
        }
        let prev = x.t[k - 1];
        // "the people cheering this should be shot": the gerund names who is threatened.
        if matches!(w, "cheering" | "praising" | "celebrating" | "glorifying")
            && self.person_at(x, k - 1)
            && !x.is(k - 1, &["he", "she", "they", "it", "crowd", "crowds"])
        {
            return true;
        }
        // "kill anyone that says otherwise": a relative clause about the target.
        if prev == "that" && k >= 2 && self.person_at(x, k - 2) {
            return true;
        }
        let subject = matches!(
            prev,
            "he" | "she"
                | "they"
                | "it"
                | "someone"
                | "somebody"
                | "people"
                | "witnesses"
                | "witness"
                | "crowd"
                | "protesters"
                | "media"
                | "police"
                | "gunman"
                | "killer"
                | "shooter"
                | "assassin"
                | "attacker"
                | "was"
                | "were"
                | "is"
                | "are"
                | "been"
                | "be"
                | "had"
                | "has"
                | "have"
                | "also"
                | "then"
                | "later"
                | "reportedly"
                | "who"
                | "headline"
                | "sign"
                | "that"
                | "tabloids"
                | "papers"
                | "newspaper"
                | "newspapers"
                | "press"
        ) || x.capital[k - 1]
            || self.person.has(prev)
            || x.is(k + 1, &["that", "to", "him", "her", "them", "the"])
            || matches!(w, "sign" | "banner" | "slogan" | "headline" | "headlines");
        !subject
    }

    /// A negation between tokens `a..b` (exclusive of `b`), except "can't wait", "won't stop".
    fn negated(&self, x: &Text<'_>, a: usize, b: usize) -> bool {
        (a..b.min(x.t.len())).any(|k| {
            self.negation.has(x.t[k])
                && !(k >= 3 && x.is(k - 2, &["think"]) && x.is(k - 3, &["dont"]))
                && !(x.is(k + 1, &["think"]) && matches!(x.t[k], "dont"))
                && !x.is(k + 1, &["wait", "stop", "hesitate", "rest", "only", "sleep", "until", "miss"])
                && !(x.t[k] == "against" && x.is(k + 1, &["the", "a"]))
                // "nothing compared to what's coming", "you have no idea what's coming".
                && !(x.t[k] == "nothing" && x.is(k + 1, &["compared"]))
                && !(x.t[k] == "no" && x.is(k + 1, &["idea", "clue"]))
                // "if you don't apologize, we'll come for you": the condition's own negation.
                && !(1..=3).any(|d| k >= d && x.is(k - d, &["if", "unless"]))
        })
    }

    /// The base form of a verb of violence: "kill", "killing", "kills", "shooting", "stabbing".
    fn violent_verb(&self, w: &str) -> Option<&'static str> {
        if let Some(b) = self.violent.exact.get(w) {
            return Some(*b);
        }
        if is_stretched(w) {
            let sq = squeeze(w);
            return VIOLENT.iter().copied().find(|v| squeeze(v) == sq);
        }
        let stems = [
            w.strip_suffix("ing").map(str::to_string),
            w.strip_suffix("ing").map(|s| format!("{s}e")),
            w.strip_suffix("ing").filter(|s| s.len() > 2).and_then(|s| s.get(..s.len() - 1)).map(str::to_string),
            w.strip_suffix("es").map(str::to_string),
            w.strip_suffix('s').map(str::to_string),
        ];
        stems.iter().flatten().filter(|s| s.len() > 2).find_map(|s| self.violent.exact.get(s.as_str()).copied())
    }

    /// Whether token `v` is a verb of violence used as one: not "a stab", not "hang out".
    fn violent_at(&self, x: &Text<'_>, v: usize) -> bool {
        let Some(stem) = self.violent_verb(x.t[v]) else {
            return false;
        };
        // "put an end to them".
        if stem == "end" && x.is(v.wrapping_sub(1), &["an"]) {
            return x.is(v.wrapping_sub(2), &["put", "puts", "putting"]) && x.is(v + 1, &["to"]);
        }
        if v > 0 && self.noun_before.has(x.t[v - 1]) {
            return false;
        }
        let next = x.t.get(v + 1).copied().unwrap_or("");
        match stem {
            "hang" => !matches!(
                next,
                "out" | "on" | "in" | "around" | "tight" | "there" | "loose" | "about" | "over" | "together" | "back"
            ),
            "blow" => {
                matches!(next, "up" | "you" | "u" | "them" | "him" | "her" | "your" | "their" | "his")
                    // "blow the gallery up".
                    || x.is(v + 1, &["the", "that", "this", "their", "his"])
                        && x.t.get(v + 2).is_some_and(|p| self.place.has(p))
                        && x.is(v + 3, &["up"])
                    || next == "away" && (v + 2..(v + 4).min(x.end_of(v))).any(|k| self.person_at(x, k))
            }
            "gun" | "mow" => matches!(next, "down" | "you" | "u" | "them" | "him" | "her"),
            "run" => {
                (v + 1..(v + 4).min(x.t.len())).any(|k| x.t[k] == "over") && !x.is(v + 1, &["over"])
                    // "run over the next ... I see", not "run over to the shop", "run over the numbers".
                    || x.is(v + 1, &["over", "down"]) && (v + 2..(v + 5).min(x.end_of(v))).any(|k| self.person_at(x, k))
                    // "run the journalist down with a car".
                    || (v + 1..(v + 4).min(x.end_of(v))).any(|k| self.person_at(x, k) && !x.is(k, &["me", "us"]) && x.is(k + 1, &["down", "over"]))
            }
            "off" => self.person_at(x, v + 1) || x.is(v + 1, POINTING) && self.person_at(x, v + 2),
            // "storm the embassy", "raid your office"; not "storm off", "raid the fridge".
            "storm" | "raid" | "spray" => (v + 1..(v + 4).min(x.end_of(v))).any(|k| {
                self.place.has(x.t[k]) && !x.is(k - 1, &["my", "our"])
                    || self.person_at(x, k) && !x.is(k, &["me", "us"])
            }),
            // "knock your teeth out", "smack your head off", "knock him out cold".
            "knock" | "smack" => {
                (v + 1..(v + 5).min(x.end_of(v)))
                    .any(|k| x.is(k, &["teeth", "head", "face", "brains", "lights", "skull"]))
                    || x.is(v + 2, &["out"]) && matches!(next, "you" | "u" | "him" | "her" | "them" | "em")
                    || next == "you" && x.is(v + 2, &["into", "senseless", "unconscious"])
            }
            // "sink every boat full of migrants", not "sink the bill".
            "sink" => (v + 1..(v + 6).min(x.end_of(v))).any(|k| self.person_at(x, k) && !x.is(k, &["me", "us"])),
            // "smoke that reporter", "light him up", "round them up": a person right after.
            "smoke" => {
                matches!(next, "you" | "u" | "him" | "her" | "them" | "em")
                    || x.is(v + 1, POINTING) && !x.is(v + 1, &["a", "one", "some"]) && self.person_at(x, v + 2)
            }
            "light" => matches!(next, "you" | "u" | "him" | "her" | "them" | "em") && x.is(v + 2, &["up"]),
            "round" => {
                matches!(next, "them" | "em" | "you" | "u") && x.is(v + 2, &["up"])
                    || next == "up"
                        && x.is(v + 2, &["every", "all", "each", "those", "these", "them"])
                        && (v + 2..(v + 6).min(x.end_of(v))).any(|k| self.person_at(x, k))
            }
            "end" => {
                matches!(next, "you" | "u" | "him" | "her" | "them" | "your" | "ur" | "yall")
                    || x.is(v + 2, &["bloodline", "bloodlines"])
                    || (v + 1..(v + 6).min(x.t.len())).any(|k| x.is(k, &["life", "lives"]))
                        && (!x.is(v + 1, &["my", "our", "the", "this", "a"])
                            || x.is(v + 1, &["the"]) && x.is(v + 2, &["life", "lives"]) && x.is(v + 3, &["of"]))
            }
            "finish" | "pop" | "cap" | "waste" => {
                matches!(next, "you" | "u" | "him" | "her" | "them" | "your" | "ur" | "yall")
                    || stem == "finish"
                        && next == "off"
                        && (v + 2..(v + 6).min(x.end_of(v))).any(|k| self.person_at(x, k))
            }
            // "put him in the ground".
            // "put them down like dogs", not "put the phone down", "put him down for the vote".
            "put"
                if matches!(next, "them" | "him" | "her" | "you" | "em" | "u")
                    && x.is(v + 2, &["down"])
                    && (v + 3 >= x.end_of(v)
                        || x.is(v + 3, &["like", "permanently", "forever", "all", "for"])
                            && !x.is(v + 4, &["the", "a"])) =>
            {
                true
            }
            "put" => (v + 1..(v + 13).min(x.end_of(v))).any(|k| {
                // "put two in your chest", "put one in his head".
                x.is(k, &["chest", "head", "skull", "back", "face", "heart", "gut", "belly"])
                    && x.is(k - 1, &["your", "his", "her", "their", "ur"])
                    && x.is(k - 2, &["in", "into", "through"])
                    && x.is(k - 3, &["one", "two", "three", "four", "five", "six", "some", "rounds", "bullets", "lead"]) ||
                // "put a bomb under your car", "put a knife in his back".
                x.is(k, &["bomb", "knife", "blade"])
                    && x.is(k - 1, &["a"])
                    && x.is(k + 1, &["under", "in", "into", "through"])
                    || x.is(
                        k,
                        &[
                            "ground",
                            "grave",
                            "hospital",
                            "coffin",
                            "morgue",
                            "wheelchair",
                            "bag",
                            "casket",
                            "chamber",
                            "chambers",
                            "ovens",
                            "oven",
                            "graves",
                            "coffins",
                            "squad",
                            "gallows",
                        ],
                    )
            }),
            // "get rid of them".
            "rid" => x.is(v.wrapping_sub(1), &["get", "gets", "getting"]) && next == "of",
            // "I'll snap your neck", "break every bone in your body".
            "snap" | "break" | "crack" => (v + 1..(v + 6).min(x.t.len())).any(|k| {
                x.is(
                    k,
                    &[
                        "neck", "necks", "legs", "arms", "bones", "bone", "spine", "skull", "skulls", "jaw", "face",
                        "fingers", "hands", "knees", "kneecaps", "ribs", "nose", "teeth", "heads", "head", "skulls",
                    ],
                ) && !x.is(k - 1, &["a"])
            }) || stem == "break"
                && matches!(next, "you" | "u" | "him" | "her" | "them")
                && (v + 2 >= x.end_of(v) || x.is(v + 2, &["like", "in", "into"])),
            // "carve my name into your chest".
            "carve" => (v + 1..(v + 7).min(x.end_of(v))).any(|k| {
                x.is(k, &["chest", "face", "skin", "back", "arm", "forehead", "flesh"])
                    && x.is(k - 1, &["your", "his", "her", "their", "ur"])
            }),
            "cut" => {
                matches!(next, "you" | "u" | "your" | "his" | "their" | "them" | "him" | "her")
                    || matches!(next, "up" | "open") && (v + 2..(v + 4).min(x.end_of(v))).any(|k| self.person_at(x, k))
                    || (v + 1..(v + 5).min(x.t.len()))
                        .any(|k| x.is(k, &["head", "heads", "throat", "throats", "hands"]))
            }
            "throw" | "push" | "shove" => {
                let person = (v + 1..(v + 4).min(x.end_of(v))).any(|k| self.person_at(x, k) && !x.is(k, &["me", "us"]));
                (v + 1..(v + 5).min(x.t.len())).any(|k| x.is(k, &["off", "out", "from"]))
                    && (v + 2..(v + 8).min(x.t.len())).any(|k| {
                        x.is(k, &["bridge", "roof", "building", "window", "windows", "balcony", "cliff", "tower"])
                    })
                    // "throw the editor into the Bosphorus", "push him in front of a train".
                    || person
                        && (v + 2..(v + 9).min(x.end_of(v))).any(|k| {
                            x.is(k, &["river", "sea", "bosphorus", "lake", "ocean", "canal", "fire", "pit", "acid"])
                                && x.is(k - 1, &["the", "a", "into", "in"])
                                || x.is(k, &["train", "bus", "truck", "lorry", "tram"])
                                    && (k - 1..k).any(|j| x.is(j - 1, &["of"]) || x.is(j, &["a", "the"]))
                                    && (v + 2..k).any(|j| x.is(j, &["front", "under"]))
                        })
            }
            // "feed him to the dogs", not "feed the dogs".
            "feed" => {
                (v + 1..(v + 4).min(x.end_of(v))).any(|k| self.person_at(x, k) && !x.is(k, &["me", "us"]))
                    && (v + 2..(v + 7).min(x.end_of(v))).any(|k| {
                        x.is(k, &["dogs", "fish", "fishes", "pigs", "sharks", "wolves", "lions", "crows", "crocodiles"])
                            && x.is(k - 1, &["the"])
                            && x.is(k - 2, &["to"])
                    })
            }
            // "douse the editor in petrol".
            "douse" => (v + 2..(v + 7).min(x.end_of(v)))
                .any(|k| x.is(k, &["petrol", "gasoline", "gas", "fuel", "kerosene", "acid", "diesel"])),
            // "pull out his fingernails", "pull his teeth out".
            "pull" => {
                (v + 1..(v + 5).min(x.end_of(v)))
                    .any(|k| x.is(k, &["fingernails", "nails", "teeth", "eyes", "tongue", "guts", "hair"]))
                    && (v + 1..(v + 6).min(x.end_of(v))).any(|k| x.is(k, &["out"]))
            }
            // "cave your face in".
            "cave" => (v + 1..(v + 4).min(x.end_of(v))).any(|k| x.is(k, &["face", "head", "skull", "chest", "ribs"])),
            "burn" if next == "out" => false,
            "take" => (v + 1..(v + 4).min(x.t.len())).find(|&k| x.t[k] == "out").is_some_and(|k| {
                !x.is(k + 1, &["to", "for", "of", "on", "a", "an", "the", "loans", "insurance"])
                    || x.is(k + 1, &["the"]) && k == v + 1
            }),
            "rip" | "tear" => {
                (v + 1..(v + 5).min(x.t.len())).any(|k| matches!(x.t[k], "apart" | "off" | "open" | "out"))
            }
            "string" => (v + 1..(v + 4).min(x.t.len())).any(|k| x.t[k] == "up"),
            // "pick them off one by one", not "pick off the dead leaves".
            "pick" => {
                (x.is(v + 1, &["them", "him", "her", "you", "em", "u"]) && x.is(v + 2, &["off"])
                    || x.is(v + 1, &["off"]) && self.person_at(x, v + 2))
                    // "pick them off one by one", not "pick them off at the airport".
                    && !(v + 2..x.end_of(v)).any(|k| x.is(k, &["at", "from", "after", "before"]))
            }
            "silence" => (v + 1..(v + 6).min(x.t.len())).any(|k| matches!(x.t[k], "good" | "forever" | "permanently")),
            "wipe" => {
                (v + 1..(v + 5).min(x.t.len())).any(|k| matches!(x.t[k], "out" | "off"))
                    // "wipe your family from the face of the earth".
                    || (v + 2..(v + 6).min(x.end_of(v))).any(|k| x.is(k, &["from"]) && x.is(k + 1, &["the"]))
                        && (v + 3..(v + 9).min(x.end_of(v))).any(|k| x.is(k, &["earth", "planet", "map"]))
            }
            "hunt" => {
                (v + 1..(v + 8).min(x.t.len())).any(|k| x.t[k] == "down")
                    // "hunt some muslims", "hunt them": people right after, not "hunt deer".
                    || self.person_at(x, v + 1) && !x.is(v + 1, &["me", "us", "for"])
                    || x.is(v + 1, &["some", "the", "those", "these", "every", "all"]) && self.person_at(x, v + 2)
                    || next == "for" && (v + 2..(v + 5).min(x.end_of(v))).any(|k| self.person_at(x, k))
            }
            // "set you on fire", "set fire to your house".
            "set" => (v + 1..(v + 8).min(x.end_of(v))).any(|k| {
                x.is(k, &["fire", "ablaze", "alight"]) && (k < v + 4 || x.is(k - 1, &["on"]) && !x.is(v + 1, &["up"]))
            }),
            // "kick the shit out of you", not "kick them out", "kick off the meeting".
            "kick" => {
                (v + 1..(v + 5).min(x.end_of(v))).any(|k| x.is(k, &["shit", "crap", "hell", "teeth", "head", "face"]))
                    || !(v + 1..(v + 4).min(x.end_of(v)))
                        .any(|k| x.is(k, &["out", "off", "back", "around", "in", "up"]))
            }
            // "skin the editor", not "skin the onions".
            "skin" => (v + 1..(v + 4).min(x.end_of(v))).any(|k| self.person_at(x, k) && !x.is(k, &["me", "us"])),
            "whip" => !x.is(v + 1, &["up"]) && !(v + 1..x.end_of(v)).any(|k| x.is(k, &["shape", "cream", "eggs"])),
            // "bash your head in", not "bash the government".
            "bash" => (v + 1..(v + 5).min(x.end_of(v)))
                .any(|k| x.is(k, &["head", "heads", "skull", "skulls", "face", "brains", "teeth"])),
            "purge" | "cleanse" => {
                x.is(v + 1, &["the", "every", "all", "them", "you"])
                    || (v + 1..(v + 6).min(x.end_of(v))).any(|k| x.is(k, &["of"]))
            }
            "beat" => {
                !self.contest_in(x, v) && !x.is(v + 1, &["it", "a", "them", "us", "traffic", "odds", "heat", "record"])
                    || x.is(v + 1, &["the"]) && x.is(v + 2, &["life", "shit", "crap", "hell"])
                    // "beat them to death", "beat him senseless".
                    || (v + 2..(v + 5).min(x.end_of(v))).any(|k| {
                        x.is(k, &["senseless", "unconscious", "bloody", "pulp"]) || x.is(k, &["death"]) && x.is(k - 1, &["to"])
                    })
            }
            _ => true,
        }
    }

    /// A real question ("Should he be executed?"), not a tag ("You're dead, you hear me?").
    fn asked(&self, x: &Text<'_>, i: usize) -> bool {
        x.question[x.clause[i]]
            && x.is(
                x.start_of(i),
                &[
                    "who", "what", "why", "how", "when", "where", "is", "are", "do", "does", "did", "should", "would",
                    "will", "can", "could", "shall", "was", "were", "has", "have", "isnt", "arent", "whos",
                ],
            )
    }

    /// Whether token `k` sets its clause in the courts: not a court dismissed ("skip the trial
    /// and hang him", "no trial needed", "I don't care about the law", "forget the courts").
    fn court_at(&self, x: &Text<'_>, k: usize) -> bool {
        if !self.court.has(x.t[k]) {
            return false;
        }
        let dismissed_before = (k.saturating_sub(3)..k).any(|j| {
            x.is(j, &["skip", "forget", "screw", "fuck", "without", "bypass", "above", "ignore"])
                || x.is(j, &["no"]) && j + 1 == k
                || x.is(j, &["about"]) && x.is(j.wrapping_sub(1), &["care"])
        });
        let dismissed_after = x.is(k + 1, &["needed", "necessary", "required"])
            || x.is(k + 1, &["is", "s"])
                && x.is(k + 2, &["a", "pointless", "useless", "too"])
                && x.is(k + 3, &["waste", "slow", "good"])
            || x.is(k + 1, &["is", "s"]) && x.is(k + 2, &["pointless", "useless"]);
        !(dismissed_before || dismissed_after)
    }

    fn contest_in(&self, x: &Text<'_>, i: usize) -> bool {
        (x.start_of(i)..x.end_of(i)).any(|k| self.contest_at(x, k))
    }

    /// Whether token `k` sets its clause in a contest: "at the polls", "in the final"; not "I
    /// vote we shoot them".
    fn contest_at(&self, x: &Text<'_>, k: usize) -> bool {
        self.contest.has(x.t[k])
            && !(x.is(k, &["vote"]) && x.is(k + 1, &["we", "to", "that", "for", "you", "they"]))
            // "light a match" is no contest.
            && !(x.is(k, &["match"]) && x.is(k.wrapping_sub(1), &["a"]) && x.is(k.wrapping_sub(2), &["light", "strike"]))
    }

    /// A participle of violence at `k`: "shot", "kicked", not "kicked off the platform".
    fn done_at(&self, x: &Text<'_>, k: usize) -> bool {
        // Callers look one past a word that may end the text ("... and").
        (x.t.get(k).is_some_and(|w| self.done.has(w))
            // "should be finished off".
            || x.is(k, &["finished"]) && x.is(k + 1, &["off"]))
            && (!x.is(k, &["kicked", "thrown"]) || x.is(k + 1, &["to", "in", "into", "until", "and"]))
            && !(x.is(k, &["crushed", "smashed", "destroyed"]) && x.is(k + 1, &["by", "at", "in"]))
    }

    /// Whether token `k` names a person or group a threat may aim at.
    fn person_at(&self, x: &Text<'_>, k: usize) -> bool {
        let Some(w) = x.t.get(k) else {
            return false;
        };
        // "every woman's life": the possessive lost its apostrophe; what follows is theirs ("the
        // author's head"), not a thing they made ("the author's sentences").
        if w.len() > 4
            && w.ends_with('s')
            && w.get(..w.len() - 1)
                .is_some_and(|b| self.person.has(b) && !matches!(b, "all" | "each" | "every" | "lot"))
        {
            let owned = x.t.get(k + 1).is_none_or(|n| self.owned.has(n) || !self.person_singular_or_thing(n));
            return owned;
        }
        // "as many as I can", "as many of them as possible".
        if self.person_singular.contains(*w) || *w == "many" && k > 0 && x.is(k - 1, &["as"]) {
            return true;
        }
        if self.person.has(w) {
            // "all of a sudden", "every day": quantifiers need people after them.
            return match *w {
                "all" | "each" | "every" | "both" | "rest" | "lot" | "those" | "these" => {
                    // "all these pictures" are not people: the people come after the determiners.
                    let determiner =
                        |w: &str| matches!(w, "all" | "each" | "every" | "both" | "rest" | "lot" | "those" | "these");
                    // "all the photos of journalists": a thing before the people is what is meant.
                    (k + 1..(k + 5).min(x.end_of(k))).take_while(|&j| !self.things_at(x, j)).any(|j| {
                        (self.person.has(x.t[j]) || self.person_singular.contains(x.t[j])) && !determiner(x.t[j])
                            || x.capital[j]
                    }) || x.end_of(k) == k + 1
                        || x.is(k + 1, &["of", "who", "that", "russian", "russians"])
                }
                _ => true,
            };
        }
        if *w == "one" && k > 0 && x.is(k - 1, &["next", "last", "every", "each"]) {
            return true;
        }
        // "every refugee" where the list has "refugees"; "the translator", "that photographer":
        // a noun for someone who does something, after a word that points at them.
        if k > 0 && x.is(k - 1, POINTING) && (self.person.has(&format!("{w}s")) || self.agent_noun(w)) {
            return true;
        }
        if matches!(*w, "your" | "ur" | "yo" | "his" | "their" | "her") {
            return (k + 1..(k + 3).min(x.t.len())).any(|j| {
                self.owned.has(x.t[j])
                    || self.person.has(x.t[j]) && !matches!(x.t[j], "all" | "every" | "each" | "both" | "rest" | "lot")
            });
        }
        // A name: capitalised, not the clause's first word, not a common capitalised word.
        x.capital.get(k).copied().unwrap_or(false)
            && k != x.start_of(k)
            && !x.is(k.wrapping_sub(1), &["your", "my", "his", "her", "their", "our", "ur", "the", "a", "an"])
            && !matches!(
                *w,
                "i" | "god"
                    | "allah"
                    | "monday"
                    | "tuesday"
                    | "wednesday"
                    | "thursday"
                    | "friday"
                    | "saturday"
                    | "sunday"
                    | "aleppo"
                    | "syria"
                    | "christmas"
                    | "twitter"
                    | "facebook"
                    | "cnn"
                    | "ok"
            )
    }

    /// Whether a word after a possessive is something made or said ("the author's sentences"),
    /// which violence cannot be done to: not the person, their body or their home.
    fn person_singular_or_thing(&self, w: &str) -> bool {
        matches!(
            w,
            "sentences"
                | "sentence"
                | "words"
                | "article"
                | "articles"
                | "argument"
                | "arguments"
                | "ideas"
                | "idea"
                | "theory"
                | "theories"
                | "claims"
                | "points"
                | "book"
                | "career"
                | "reputation"
                | "credibility"
                | "salary"
                | "budget"
                | "record"
                | "story"
                | "stories"
                | "work"
                | "prose"
                | "paragraphs"
        )
    }

    /// A noun for someone who does something: "translator", "photographer", "columnist",
    /// "politician", "consultant"; not "computer", "border", "power".
    fn agent_noun(&self, w: &str) -> bool {
        let w = w.strip_suffix('s').unwrap_or(w);
        w.len() > 5
            && ["er", "or", "ist", "ian", "ant", "ent", "eer", "ee"].iter().any(|e| w.ends_with(e))
            && !NOT_AGENT.contains(&w)
    }

    /// The first target after a verb of violence at `v`: a person or group, or a place for an
    /// attack verb.
    fn target_after(&self, x: &Text<'_>, v: usize) -> Option<usize> {
        let end = x.end_of(v).min(v + 8);
        let stem = self.violent_verb(x.t[v]);
        let attack = stem.is_some_and(|b| self.attack.has(b));
        // "snap that neck of yours", "cut their throats": the body part is the target.
        if stem == Some("end")
            && let Some(k) = (v + 1..end).find(|&k| x.is(k, &["life", "lives"]))
            && !(v + 1..k).any(|j| x.is(j, &["my", "our", "a", "this"]) || x.is(j, &["the"]) && !x.is(k + 1, &["of"]))
        {
            // "end the lives of all ...": the people named after "of".
            if x.is(k + 1, &["of"]) {
                return (k + 2..(k + 6).min(end.max(k + 2))).find(|&j| self.person_at(x, j)).or(Some(k));
            }
            return Some(k);
        }
        if stem.is_some_and(|b| matches!(b, "snap" | "break" | "crack" | "gouge" | "cut" | "slit"))
            && let Some(k) = (v + 1..end).find(|&k| {
                x.is(
                    k,
                    &[
                        "neck", "necks", "throat", "throats", "skull", "skulls", "spine", "eyes", "legs", "bones",
                        "heads", "fingers", "hands", "knees", "kneecaps", "ribs", "teeth", "jaw",
                    ],
                )
            })
            && !(v + 1..k).any(|j| x.is(j, &["my", "our", "me", "us"]))
        {
            return Some(k);
        }
        // "purge this country of every ...": the people after "of".
        if stem.is_some_and(|b| matches!(b, "purge" | "cleanse"))
            && let Some(o) = (v + 1..end).find(|&k| x.is(k, &["of"]))
        {
            return (o + 1..(o + 5).min(x.end_of(v))).find(|&k| self.person_at(x, k));
        }
        // "set fire to the embassy", "set you on fire".
        if stem == Some("set") {
            return (v + 1..end)
                .take_while(|&k| !x.comma[k] || k == v + 1)
                .find(|&k| self.person_at(x, k) && !x.is(k, &["me", "us"]) || self.place.has(x.t[k]));
        }
        for k in v + 1..end {
            let w = x.t[k];
            // "put an end to them".
            if w == "to" && k == v + 1 && stem == Some("end") && x.is(v.wrapping_sub(1), &["an"]) {
                continue;
            }
            // "go hunting for immigrants": violent_at has seen the people after "for".
            if w == "for" && k == v + 1 && stem == Some("hunt") {
                continue;
            }
            // "burn this whole website's office", "this embassy".
            let pointed = matches!(w, "this" | "that" | "some")
                && (self.person_at(x, k + 1)
                    || attack && (k + 1..(k + 4).min(end)).any(|j| self.place.has(x.t[j]) && !x.comma[j]));
            // "kill any I meet", "shoot any of them".
            if w == "any"
                && (x.is(k + 1, &["i", "we", "who", "that", "of", "you"]) || self.person_at(x, k + 1))
                && !x.is(k + 1, &["more", "longer"])
            {
                return Some(k);
            }
            if self.target_stop.has(w) && !(w == "to" && x.is(k + 1, &["death"])) && !pointed {
                return None;
            }
            if k > v + 1 && x.comma[k] || self.negation.has(w) {
                return None;
            }
            if self.person_at(x, k) {
                // "shoot you a message", "find you a link".
                if x.is(k + 1, &["a", "an", "the", "some"]) && x.t.get(k + 2).is_some_and(|g| self.given.has(g)) {
                    return None;
                }
                // "all those journalists": the span reaches the people.
                if x.is(k, &["all", "each", "every", "both", "those", "these", "any"]) {
                    let people = (k + 1..(k + 5).min(x.end_of(k))).find(|&j| {
                        self.person.has(x.t[j])
                            && !x.is(j, &["all", "each", "every", "both", "those", "these", "rest", "lot"])
                    });
                    return Some(people.unwrap_or(k));
                }
                return Some(k);
            }
            if attack && k <= v + 3 && self.place.has(w) && !x.is(k - 1, &["my", "our"]) {
                return Some(k);
            }
        }
        None
    }

    /// "I will find you and kill you", "I'm going to shoot every one of you at that embassy".
    fn intent_at(&self, x: &Text<'_>, i: usize, out: &mut Vec<(usize, usize)>) {
        let w = x.t[i];
        let bare = i == x.start_of(i) && matches!(w, "gonna" | "gunna" | "finna" | "wanna" | "gon");
        // "someone will shoot you", "my brothers will slaughter them", "me and my friends will".
        let ally = matches!(
            w,
            "someone" | "somebody" | "brothers" | "friends" | "boys" | "comrades" | "soldiers" | "men" | "fighters" | "warriors"
        )
            && (i == x.start_of(i) || x.is(i - 1, &["my", "our", "the"]))
            || w == "me" && x.is(i + 1, &["and"])
            // "you people make me want to kill you all".
            || w == "me" && x.is(i + 1, &["want", "wanna"]) && x.is(i.wrapping_sub(1), &["make", "makes", "made"]);
        if !self.first.has(w) && !bare && !ally {
            return;
        }
        // "well" and "were" are subjects only as "we'll", "we're".
        let subject_next = match w {
            "were" => x.is(
                i + 1,
                &[
                    "going",
                    "gonna",
                    "gunna",
                    "coming",
                    "about",
                    "ready",
                    "all",
                    "so",
                    "definitely",
                    "really",
                    "totally",
                ],
            ),
            "well" => {
                x.is(
                    i + 1,
                    &[
                        "find", "come", "hunt", "track", "get", "make", "show", "wait", "go", "all", "never", "be",
                        "walk", "drive", "fly", "catch", "follow", "break", "take",
                    ],
                ) || self.violent_verb(x.t.get(i + 1).copied().unwrap_or("")).is_some()
            }
            _ => false,
        };
        if matches!(w, "well" | "were")
            && !(i == x.start_of(i)
                || x.comma[i]
                || x.is(i.wrapping_sub(1), &["and", "so", "then", "but", "or"])
                || subject_next)
        {
            return;
        }
        if matches!(w, "well") && x.is(i + 1, &["i", "we", "you", "it", "that", "this", "said", "done"]) {
            return;
        }
        let end = x.end_of(i);
        // "I'm afraid someone will attack the embassy": a fear, not an intent.
        if (i + 1..(i + 3).min(end)).any(|k| {
            x.is(k, &["afraid", "worried", "scared", "fear", "fearing", "terrified", "concerned", "frightened"])
        }) {
            return;
        }
        let mut intent = self.first_intent.has(w)
            || bare
            // "Take it down or we burn your office".
            || x.is(i.wrapping_sub(1), &["or", "before", "otherwise"]) && i > x.start_of(i)
            || w == "we" && x.is(i.wrapping_sub(1), &["say", "vote", "propose", "suggest"]);
        let mut blocked = false;
        for v in i + 1..end {
            let t = x.t[v];
            if self.intent.has(t)
                || t == "wont" && i >= 2 && x.is(i - 1, &["think"]) && x.is(i - 2, &["dont"])
                || (t == "to"
                    && x.is(
                        v.wrapping_sub(1),
                        &[
                            "going", "goin", "want", "about", "ready", "love", "like", "plan", "mean", "intend",
                            "swear", "promise", "wait", "hesitate",
                        ],
                    ))
            {
                intent = true;
            }
            // "counting the days until I can kill you".
            if t == "can"
                && x.is(v.wrapping_sub(1), &["i", "we"])
                && x.is(v.wrapping_sub(2), &["until", "till", "when"])
            {
                intent = true;
            }
            // "I could kill you, and I might".
            if t == "could"
                && (v + 1..end)
                    .any(|k| x.is(k, &["and"]) && x.is(k + 1, &["i"]) && x.is(k + 2, &["might", "may", "will"]))
            {
                intent = true;
            }
            if matches!(t, "have" | "ve" | "had") && v <= i + 3 {
                // "I would have shot him": a counterfactual, not an intent.
                return;
            }
            if self.first.has(t) && v > i + 1 && !x.is(v - 1, &["and", "then"]) && !(ally && v <= i + 4) {
                // The next clause of the writer's own is looked at from its own subject.
                return;
            }
            // "I imagine strangling the editor": a wish with its gerund, not another clause.
            if self.subordinate.has(t)
                && !(ally && t == "it")
                && !(self.intent.has(t)
                    && x.t.get(v + 1).is_some_and(|n| n.ends_with("ing") && self.violent_verb(n).is_some()))
            {
                blocked = true;
            }
            // "gonna make that synagogue burn".
            if t == "make"
                && intent
                && (1..=2).any(|d| x.t.get(v + d).is_some_and(|p| self.place.has(p)))
                && let Some(k) = (v + 2..(v + 5).min(end)).find(|&k| x.is(k, &["burn", "explode", "bleed"]))
                && !self.negated(x, i, v)
            {
                out.push((i, k));
                return;
            }
            if t == "make"
                && intent
                && !self.negated(x, i, v)
                && self.person_at(x, v + 1)
                && let Some(k) = (v + 2..(v + 5).min(end)).find(|&k| {
                    x.is(k, &["bleed", "suffer", "pay", "die", "beg", "scream", "extinct", "disappear", "vanish"])
                })
            {
                out.push((i, k));
                return;
            }
            if self.violent_at(x, v) {
                let coordinated = x.is(v.wrapping_sub(1), &["and", "then", "n", "to"]) && !blocked
                    || x.is(v.wrapping_sub(1), &["and", "then", "n"]);
                let ing = t.ends_with("ing") && matches!(w, "im" | "were" | "iam");
                if (intent || ing) && (!blocked || coordinated) && !self.negated(x, i, v) && !self.contest_in(x, v) {
                    if let Some(k) = self.target_after(x, v) {
                        out.push((i, k));
                        return;
                    }
                    // "Every ... I see, I will attack": the object stands before the writer.
                    let last = v + 1 == end || x.is(v + 1, &["on", "them", "him", "her"]) && v + 3 >= end;
                    if last
                        && x.comma[i]
                        && let Some(k) =
                            (x.start_of(i)..i).find(|&k| self.person_at(x, k) && !x.is(k, &["i", "me", "us", "we"]))
                    {
                        out.push((k, v));
                        return;
                    }
                }
            }
        }
    }

    /// A clause that speaks to the reader of harm to come, in words the forms above miss: "you
    /// will scream when we come", "your funeral is next week". The reader, a word of harm and a
    /// word of time to come, in one clause that is not negated, asked or reported.
    fn menace_at(&self, x: &Text<'_>, start: usize, out: &mut Vec<(usize, usize)>) {
        let end = x.end_of(start);
        let reader = (start..end).find(|&k| x.is(k, &["you", "u", "your", "ur", "yall", "youll", "youre", "ya"]));
        let Some(r) = reader else { return };
        let harm = (start..end).find(|&k| self.harm.has(x.t[k]));
        let future = (start..end).any(|k| {
            x.is(
                k,
                &[
                    "will", "ll", "gonna", "soon", "next", "tonight", "tomorrow", "coming", "youll", "wait", "someday",
                    "theyll", "shortly", "ill", "youd",
                ],
            ) || x.is(k, &["going", "about"]) && x.is(k + 1, &["to"])
        });
        let Some(h) = harm else {
            return;
        };
        if !future || self.asked(x, start) || x.question[x.clause[start]] || self.negated(x, start, end) {
            return;
        }
        let idiom = |k: usize| {
            x.is(k, &["laughing", "laugh", "boredom", "embarrassment", "old", "age", "cringe"])
                // "I'll shoot you a message".
                || self.given.has(x.t[k]) && x.is(k.wrapping_sub(1), &["a", "an", "the"])
        };
        if (start..end).any(|k| {
            self.court_at(x, k) || idiom(k) || x.is(k, &["if", "when", "unless", "should", "could", "might", "may"])
        }) {
            return;
        }
        out.push((r.min(h), r.max(h)));
    }

    /// "You will pay with your life", "everyone who wrote this will die", "you'll end up like him".
    fn doom_at(&self, x: &Text<'_>, i: usize, out: &mut Vec<(usize, usize)>) {
        let w = x.t[i];
        let second = matches!(w, "you" | "u" | "ya" | "yall" | "ye" | "youll" | "youre" | "ur" | "your");
        let group = matches!(
            w,
            "everyone" | "everybody" | "anyone" | "anybody" | "whoever" | "those" | "all" | "every" | "each" | "any"
        );
        // Named people and nouns for people meet only strong doom: "the author will pay with his
        // life", "any Russian will be killed"; not "more people will die in Syria".
        let noun = !second
            && !group
            && (i == x.start_of(i)
                || x.is(i - 1, &["the", "this", "that"])
                || i <= x.start_of(i) + 2 && !x.is(i - 1, &["i", "we", "you", "to", "of"]))
            && self.person_at(x, i)
            && !matches!(w, "him" | "her" | "them" | "em" | "someone" | "somebody");
        let quantified = || {
            matches!(w, "everyone" | "everybody" | "anyone" | "anybody" | "whoever")
                || x.is(i + 1, &["of", "who", "you"])
                || (i + 1..(i + 4).min(x.end_of(i))).any(|k| self.person.has(x.t[k]) || x.capital[k])
        };
        // "The embassy will be bombed", "Moscow will burn for Aleppo".
        let named = x.capital[i] && i == x.start_of(i) && !self.person.has(w);
        // "they are all going to die", "they will all be shot": a group by its quantifier.
        let group = group
            || matches!(w, "they" | "them") && (i + 1..(i + 4).min(x.end_of(i))).any(|k| x.is(k, &["all", "each"]));
        let place = !second && !group && (self.place.has(w) || named);
        if place {
            let end = x.end_of(i);
            let bombed = (i + 1..(i + 4).min(end)).any(|m| x.is(m, &["will", "ll"]))
                && (i + 2..(i + 6).min(end)).any(|m| {
                    x.is(m, &["bombed", "burned", "burnt", "torched", "blown", "nuked", "attacked", "stormed"])
                        || x.is(m, &["burn", "bleed"]) && (m + 1 == end || x.is(m + 1, &["for"]))
                });
            if bombed && !self.negated(x, i, x.end_of(i)) {
                out.push((i, (i + 5).min(x.end_of(i) - 1)));
            }
            return;
        }
        if !second && !group && !noun || group && !quantified() {
            return;
        }
        let end = x.end_of(i).min(i + 14);
        let mut modal = matches!(w, "youll");
        for m in i + 1..end {
            let t = x.t[m];
            if matches!(t, "will" | "ll" | "shall" | "gonna" | "gon" | "wil")
                || (t == "going" && x.is(m + 1, &["to", "2"]))
            {
                modal = true;
                continue;
            }
            // "any Muslim I meet gets stabbed", "the next one is getting shot".
            if matches!(t, "gets" | "getting" | "get")
                && (group || noun || modal)
                && self.done_at(x, m + 1)
                && !x.is(m.wrapping_sub(1), &["who", "that", "which"])
                && !self.negated(x, i, m + 1)
                && !x.is(m + 2, &["down", "at", "by"])
            {
                out.push((i, m + 1));
                return;
            }
            if !modal {
                continue;
            }
            if self.negated(x, i, m + 1) {
                return;
            }
            let next = x.t.get(m + 1).copied().unwrap_or("");
            let doom = match t {
                // "... will die by my hands".
                "die" if x.is(m + 1, &["by", "at"]) && x.is(m + 2, &["my", "our"]) => true,
                "die" | "perish" => {
                    !noun
                        && !matches!(
                            next,
                            "of" | "from"
                                | "laughing"
                                | "happy"
                                | "old"
                                | "someday"
                                | "eventually"
                                | "alone"
                                | "waiting"
                                | "trying"
                        )
                }
                "pay" => {
                    (m + 1..(m + 7).min(x.end_of(i))).any(|k| {
                        x.is(k, &["with", "in"]) && x.is(k + 1, &["blood"])
                            || x.is(k, &["with"])
                                && (k + 1..(k + 4).min(x.t.len()))
                                    .any(|j| x.is(j, &["life", "lives", "blood", "head", "heads"]))
                    }) || second && x.is(m + 1, &["for"])
                }
                "suffer" | "bleed" => second,
                // "you lot are going to burn", "you will all hang".
                "burn" | "hang" | "rot" | "swing" => {
                    (second || group)
                        && !matches!(
                            next,
                            "in" | "out"
                                | "on"
                                | "around"
                                | "down"
                                | "up"
                                | "your"
                                | "the"
                                | "a"
                                | "it"
                                | "that"
                                | "this"
                                | "their"
                                | "calories"
                                | "money"
                        )
                }
                "survive" => false,
                "be" => {
                    x.t.get(m + 1).is_some_and(|n| self.done.has(n) || matches!(*n, "next" | "dead"))
                        // "will be next to speak", "you'll be next in line".
                        && !(x.is(m + 1, &["next"]) && x.is(m + 2, &["to", "in", "on", "up", "time", "week", "year"]))
                        || x.is(m + 1, &["hanging", "swinging"]) && !x.is(m + 2, &["out", "around", "on"])
                        || x.is(m + 1, &["found"])
                            && x.is(m + 2, &["dead", "hanging", "floating", "burned", "burnt", "drowned", "shot", "stabbed"])
                        // "... will be erased from existence", "wiped off the face of the earth".
                        || x.is(m + 1, &["erased", "wiped", "removed", "eliminated", "eradicated"])
                            && (m + 2..(m + 7).min(x.end_of(i))).any(|k| x.is(k, &["existence", "earth", "face", "planet", "map"]))
                        || second
                            && x.is(m + 1, &["broken", "cut", "smashed", "crushed", "silenced", "burned", "burnt"])
                }
                "end" => x.is(m + 1, &["up"]) && x.is(m + 2, &["like", "dead", "in"]),
                "get" => {
                    x.is(m + 1, &["what", "yours", "the", "a"])
                        && (m + 2..(m + 5).min(x.t.len()))
                            .any(|k| x.is(k, &["got", "yours", "same", "bullet", "deserve"]))
                        || x.is(m + 1, &["yours"])
                }
                "meet" => x.is(m + 1, &["the", "your"]) && x.is(m + 2, &["same", "maker"]),
                "join" => x.t.get(m + 1).is_some_and(|n| matches!(*n, "him" | "karlov")),
                "beg" => true,
                _ => false,
            };
            if doom {
                out.push((i, (m + 1).min(x.end_of(i) - 1)));
                return;
            }
        }
    }

    /// "Someone should shoot him", "we must wipe them out", "let's burn their embassy".
    fn call_at(&self, x: &Text<'_>, i: usize, out: &mut Vec<(usize, usize)>) {
        let w = x.t[i];
        let call = match w {
            "should" | "shud" | "must" | "gotta" | "hafta" | "lets" | "oughta" => true,
            "let" => x.is(i + 1, &["us"]),
            "can" | "could" | "will" | "would" => {
                i == x.start_of(i) && x.is(i + 1, &["someone", "somebody", "anyone", "anybody"])
            }
            // "I'm begging someone to kill this author", "I urge anyone to ...".
            "begging" | "beg" | "urge" | "urging" | "asking" | "challenge" | "dare" => {
                x.is(i + 1, &["someone", "somebody", "anyone", "anybody", "you", "everyone"]) && x.is(i + 2, &["to"])
            }
            "need" | "needs" | "ought" | "has" | "have" => x.is(i + 1, &["to"]),
            "better" => x.is(i.wrapping_sub(1), &["had", "d", "you", "we"]),
            // "It would be great if someone shot him", "a reward to whoever kills the author".
            "if" | "whoever" | "anyone" | "anybody" => {
                let glad = (x.start_of(i)..i).any(|k| {
                    matches!(
                        x.t[k],
                        "great"
                            | "nice"
                            | "good"
                            | "better"
                            | "mind"
                            | "love"
                            | "like"
                            | "happy"
                            | "glad"
                            | "reward"
                            | "bounty"
                            | "pay"
                            | "give"
                            | "dollars"
                            | "euros"
                    )
                });
                glad && (w != "if" || x.is(i + 1, &["someone", "somebody", "anyone", "anybody"]))
            }
            "time" => {
                (x.is(i + 1, &["to"]) || x.is(i + 1, &["we"]) && !x.is(i + 2, &["had", "have", "were", "was"]))
                    && (i == x.start_of(i) || x.is(i.wrapping_sub(1), &["its", "is", "s"]))
                    // "the time has come to behead ...".
                    || x.is(i + 1, &["has"]) && x.is(i + 2, &["come"]) && x.is(i + 3, &["to"])
            }
            "doesnt" | "dont" => {
                x.is(i.wrapping_sub(1), &["why"])
                    && x.is(i + 1, &["someone", "somebody", "anyone", "anybody", "anyone"])
            }
            _ => false,
        };
        if !call {
            return;
        }
        let start = x.start_of(i);
        let why = matches!(w, "doesnt" | "dont" | "can" | "could" | "will" | "would");
        if x.question[x.clause[i]] && !why {
            return;
        }
        // Who is called: not "nobody should".
        if (start..i).any(|k| matches!(x.t[k], "nobody" | "noone" | "no" | "never" | "none")) {
            return;
        }
        let end = x.end_of(i).min(i + 14);
        let mut blocked = false;
        let conditional = matches!(w, "if" | "whoever" | "anyone" | "anybody");
        for v in i + 1..end {
            let t = x.t[v];
            if matches!(t, "have" | "ve" | "been" | "be") && !why {
                return;
            }
            if self.subordinate.has(t) {
                blocked = true;
            }
            if blocked && !conditional && !x.is(v.wrapping_sub(1), &["and", "then", "n"]) {
                continue;
            }
            if self.negated(x, i + 1, v + 1) {
                return;
            }
            if (self.violent_at(x, v) || conditional && self.done.has(t)) && !self.contest_in(x, v) {
                if let Some(k) = self.target_after(x, v) {
                    out.push((start.max(i.saturating_sub(3)), k));
                }
                return;
            }
        }
    }

    /// "Hang them all", "kill every last one of them", "death to ...".
    fn command_at(&self, x: &Text<'_>, i: usize, out: &mut Vec<(usize, usize)>) {
        let t = x.t[i];
        let start = x.start_of(i);
        // "death to ...", not "sentenced to death", "beaten to death".
        if t == "death" && x.is(i + 1, &["to"]) && i + 2 < x.end_of(i) {
            let before = i.checked_sub(1).map(|k| x.t[k]).unwrap_or("");
            if !matches!(
                before,
                "sentenced"
                    | "put"
                    | "beaten"
                    | "stabbed"
                    | "bored"
                    | "scared"
                    | "frightened"
                    | "starved"
                    | "close"
                    | "near"
                    | "life"
                    | "birth"
                    | "chanted"
                    | "chanting"
                    | "chant"
                    | "shouted"
                    | "shouting"
            ) {
                out.push((i, i + 2));
            }
            return;
        }
        // Only a verb of violence is a command here: ask that first, before the words around it.
        if self.violent_verb(t).is_none() {
            return;
        }
        // "Start killing them": the command is "start".
        let started = i >= 1 && x.is(i - 1, &["start", "keep"]) && i - 1 == start;
        // The command's verb opens its clause, or follows "just", "now", "go", a comma.
        // Words that may come before a command: "now", "please", "everyone go and".
        let lead = (start..i)
            .find(|&k| {
                !x.is(
                    k,
                    &[
                        "now",
                        "please",
                        "pls",
                        "just",
                        "so",
                        "somebody",
                        "someone",
                        "everyone",
                        "everybody",
                        "go",
                        "and",
                        "brothers",
                        "guys",
                        "yall",
                        "then",
                        "simply",
                        "comrades",
                        "patriots",
                        "all",
                        "you",
                    ],
                )
            })
            .unwrap_or(i);
        let imperative_clause = x.is(
            lead,
            &[
                "round", "line", "find", "grab", "take", "drag", "get", "catch", "go", "come", "hunt", "track", "tie",
                "gather", "bring", "string", "strip", "lock", "rope", "put", "throw", "send", "load", "skip", "forget",
                "ignore", "screw", "wait", "pull", "march", "storm", "walk", "drive", "knock", "break", "kick", "arm",
                "follow", "locate", "dox", "meet", "rise", "stand", "wake", "unite", "join", "enter", "open", "burn",
            ],
        );
        let opens = i == start
            || i == lead && !x.is(start, &["you", "all", "and", "so", "then", "just"])
            || started
            || x.comma[i]
            || i >= 2
                && x.is(i - 1, &["go", "just", "please", "pls"])
                && x.is(i - 2, &["someone", "somebody", "anyone", "anybody"])
                && i - 2 == start
            || imperative_clause && i > start && x.is(i - 1, &["and", "then", "n"])
            || x.is(
                i - 1,
                &[
                    "just", "so", "now", "please", "go", "and", "then", "simply", "also", "too", "brothers", "guys",
                    "yall", "everyone", "somebody", "someone",
                ],
            ) && (i - 1 == start || x.comma[i - 1]);
        // "Get rid of the author".
        let opens = opens || t == "rid" && i >= 1 && x.is(i - 1, &["get"]) && (i - 1 == start || x.comma[i - 1]);
        let base = !self.violent.exact.contains(t) && (t.ends_with("ing") && !started || t.ends_with('s'));
        if !opens || !self.violent_at(x, i) || base {
            return;
        }
        if x.question[x.clause[i]] || self.contest_in(x, i) {
            return;
        }
        if let Some(k) = self.target_after(x, i) {
            // Not "kill me", not an answer to "who did they kill?".
            out.push((i, k));
        }
    }

    /// "They should be lined up and shot", "the author deserves to die", "he should hang".
    fn passive_at(&self, x: &Text<'_>, i: usize, out: &mut Vec<(usize, usize)>) {
        let w = x.t[i];
        let obligation = match w {
            "should" | "shud" | "must" | "deserve" | "deserves" | "gotta" | "oughta" => true,
            "need" | "needs" => {
                x.is(i + 1, &["to"]) || x.is(i + 1, &["a"]) && x.is(i + 2, &["bullet", "rope", "noose"])
            }
            "ought" | "has" | "have" => x.is(i + 1, &["to"]),
            "better" => x.is(i.wrapping_sub(1), &["had", "d"]) || x.is(i + 1, &["be", "get"]) && i > x.start_of(i),
            _ => false,
        };
        if !obligation || x.question[x.clause[i]] {
            return;
        }
        let start = x.start_of(i);
        let end = x.end_of(i);
        let subject_from = start.max(i.saturating_sub(4));
        let thing = |k: usize| {
            x.is(
                k,
                &[
                    "bill",
                    "law",
                    "plan",
                    "idea",
                    "proposal",
                    "project",
                    "deal",
                    "story",
                    "rumour",
                    "rumor",
                    "article",
                    "motion",
                    "program",
                    "painting",
                    "picture",
                    "photos",
                    "photo",
                    "exhibition",
                    "portrait",
                    "plans",
                    "initiatives",
                    "trends",
                    "ideas",
                    "bills",
                    "laws",
                    "policies",
                    "proposals",
                    "orders",
                    "projects",
                    "reforms",
                    "programs",
                    "programmes",
                    "measures",
                    "instructions",
                    "it",
                    "this",
                ],
            )
        };
        // The subject's head noun: "the writer of this article" is about the writer.
        let head = (subject_from..i)
            .find(|&k| x.is(k + 1, &["of"]) && !x.is(k, &["kinds", "kind", "sort", "sorts", "types", "type"]))
            .or_else(|| (subject_from..i).rev().find(|&k| !x.is(k, &["all", "just", "also", "really", "both"])));
        let someone = (subject_from..i).any(|k| x.is(k, &["whoever", "anyone", "anybody", "everyone", "everybody"]));
        if head.is_some_and(thing) && !someone
            || self.pest_subject(x, subject_from, i)
            || (subject_from..i).any(|k| matches!(x.t[k], "nobody" | "noone" | "no" | "never" | "none"))
            || self.negated(x, i.saturating_sub(2).max(start), i)
        {
            return;
        }
        if (start..end).any(|k| self.court_at(x, k)) {
            return;
        }
        let mut k = i + 1;
        while k < end
            && matches!(
                x.t[k],
                "to" | "all"
                    | "just"
                    | "also"
                    | "simply"
                    | "publicly"
                    | "immediately"
                    | "each"
                    | "both"
                    | "really"
                    | "probably"
                    | "definitely"
                    | "be"
                    | "get"
                    | "getting"
                    | "then"
                    | "slowly"
                    | "first"
                    | "every"
                    | "one"
                    | "of"
                    | "them"
                    | "you"
            )
        {
            k += 1;
        }
        if k >= end || self.negated(x, i + 1, k) {
            return;
        }
        let had_be = (i + 1..k).any(|j| matches!(x.t[j], "be" | "get" | "getting"));
        // "be deported or killed", "be jailed and then shot": the second participle.
        if had_be
            && !self.done_at(x, k)
            && let Some(j) = (k + 1..(k + 4).min(end)).find(|&j| x.is(j, &["or", "and"]))
            && (j + 1..(j + 3).min(end)).any(|m| self.done_at(x, m))
            && !(k..j).any(|m| self.court_at(x, m))
        {
            k = (j + 1..(j + 3).min(end)).find(|&m| self.done_at(x, m)).unwrap_or(k);
        }
        let v = x.t[k];
        let next = x.t.get(k + 1).copied().unwrap_or("");
        let hit = if had_be {
            match v {
                "shot" => next != "down",
                "hung" | "hanged" => !matches!(next, "up" | "on" | "out"),
                // "wiped off the map", not "wiped off the list".
                "wiped" if next == "off" => {
                    (k + 2..(k + 5).min(end)).any(|j| x.is(j, &["map", "face", "earth", "planet", "globe"]))
                }
                "lined" | "strung" | "gunned" | "hunted" | "mowed" | "mown" | "wiped" | "beaten" => {
                    matches!(next, "up" | "down" | "out" | "off" | "to" | "and")
                }
                "put" | "taken" => {
                    (matches!(next, "down" | "against" | "out" | "to")
                        || next == "in"
                            && (k + 2..(k + 5).min(end)).any(|j| {
                                x.is(
                                    j,
                                    &["ground", "grave", "coffin", "chamber", "chambers", "morgue", "oven", "ovens"],
                                )
                            }))
                        && !x.is(k + 2, &["dinner", "lunch", "trial", "rest", "sleep"])
                }
                "next" => true,
                "a" => matches!(next, "bullet" | "rope" | "noose"),
                "dragged" => {
                    (k + 1..(k + 5).min(end)).any(|j| x.is(j, &["streets", "street", "behind"]))
                        || (k + 1..(k + 4).min(end)).any(|j| x.is(j, &["and"]) && self.done_at(x, j + 1))
                }
                // "thrown into the sea", "thrown in the river with stones tied to them".
                "thrown" if matches!(next, "into" | "in") => {
                    (k + 2..(k + 5).min(end)).any(|j| {
                        x.is(
                            j,
                            &["sea", "ocean", "river", "fire", "furnace", "volcano", "pit", "lake", "sharks", "lions"],
                        )
                    }) && (subject_from..i).any(|j| self.person_at(x, j) || x.is(j, &["they", "he", "she"]))
                }
                // A person thrown off a roof, not "old computers thrown out of the windows".
                "thrown" => {
                    (subject_from..i)
                        .any(|j| self.person_at(x, j) || x.capital[j] && j != start || x.is(j, &["they", "he", "she"]))
                        && matches!(next, "off" | "from" | "out")
                        && (k + 1..(k + 6).min(end)).any(|j| {
                            x.is(
                                j,
                                &[
                                    "roof",
                                    "roofs",
                                    "building",
                                    "buildings",
                                    "bridge",
                                    "bridges",
                                    "window",
                                    "windows",
                                    "cliff",
                                    "cliffs",
                                    "tower",
                                    "helicopter",
                                    "helicopters",
                                    "balcony",
                                ],
                            )
                        })
                }
                // "should be shoot on sight": the base form written for the participle.
                "kill" | "shoot" | "murder" | "stab" | "execute" | "lynch" | "behead" | "slaughter" => {
                    !matches!(next, "to" | "for" | "it" | "time")
                }
                _ => self.done_at(x, k),
            }
        } else {
            match v {
                // "he should hang", not "we should hang these pictures" (an object follows).
                "hang" | "swing" | "burn"
                    if matches!(next, "all" | "these" | "those" | "the" | "a" | "some" | "it" | "this" | "that") =>
                {
                    false
                }
                "die" | "hang" | "swing" | "burn" | "perish" | "rot" => {
                    !matches!(next, "of" | "from" | "in" | "out" | "on" | "around")
                        || v == "burn" && next != "in"
                        // "hang in the town square", not "hang in there".
                        || next == "in" && (x.is(k + 2, &["public"]) || x.is(k + 3, &["street", "streets", "square"]))
                }
                "a" | "the" => {
                    matches!(next, "bullet" | "rope" | "noose")
                        || v == "the" && next == "same" && x.t.iter().any(|w| self.violent_context.has(w))
                }
                _ => false,
            }
        };
        if hit {
            out.push((subject_from, k));
        }
    }

    /// "I hope you die", "I want him dead", "may you burn", "hope someone shoots him".
    fn wish_at(&self, x: &Text<'_>, i: usize, out: &mut Vec<(usize, usize)>) {
        let w = x.t[i];
        let wish = match w {
            "hope" | "hoping" | "hopefully" | "wish" | "wishing" | "pray" | "praying" | "want" | "wanna"
            | "inshallah" => true,
            "willing" => x.is(i.wrapping_sub(1), &["god", "allah"]),
            "may" => i == x.start_of(i),
            "see" | "watch" => x.is(i.wrapping_sub(1), &["to"]),
            "till" | "until" => x.is(i.wrapping_sub(1), &["wait"]),
            "let" => i == x.start_of(i) && !x.is(i + 1, &["us", "me"]),
            _ => false,
        };
        if !wish || x.question[x.clause[i]] {
            return;
        }
        if self.negated(x, i.saturating_sub(3).max(x.start_of(i)), i) {
            return;
        }
        let end = x.end_of(i);
        let mut k = i + 1;
        while k < end
            && k <= i + 3
            && matches!(
                x.t[k],
                "that"
                    | "to"
                    | "see"
                    | "god"
                    | "lord"
                    | "allah"
                    | "really"
                    | "so"
                    | "truly"
                    | "one"
                    | "day"
                    | "someday"
                    | "the"
                    | "whole"
                    | "entire"
            )
        {
            k += 1;
        }
        if k >= end {
            return;
        }
        let subject = x.t[k];
        let pronoun = matches!(
            subject,
            "you"
                | "u"
                | "ya"
                | "yall"
                | "he"
                | "she"
                | "they"
                | "him"
                | "them"
                | "her"
                | "his"
                | "your"
                | "ur"
                | "their"
                | "youre"
                | "hes"
                | "shes"
                | "theyre"
                | "theyll"
                | "youll"
                | "hell"
                | "shell"
        );
        if !pronoun && !self.person_at(x, k) {
            return;
        }
        // "I hope all ... die": the quantifier's people, then the doom.
        let k = if x.is(k, &["all", "every", "each", "those", "these", "both"]) {
            (k + 1..(k + 4).min(end))
                .find(|&j| self.person.has(x.t[j]) && !x.is(j, &["all", "every", "each", "those", "these", "both"]))
                .unwrap_or(k)
        } else {
            k
        };
        // "hope someone shoots him", "I hope they shoot you".
        if matches!(subject, "someone" | "somebody" | "anyone" | "they" | "he" | "she" | "police") {
            let hit = (k + 1..end.min(k + 4))
                .find(|&v| self.violent_at(x, v) && !self.negated(x, k, v))
                .and_then(|v| self.target_after(x, v));
            if let Some(t) = hit {
                out.push((i, t));
                return;
            }
            if matches!(subject, "someone" | "somebody" | "anyone") {
                return;
            }
        }
        let second = matches!(subject, "you" | "u" | "ya" | "yall" | "your" | "ur" | "youre" | "youll");
        let mut j = k + 1;
        while j < end && j <= k + 9 {
            let t = x.t[j];
            if matches!(t, "who" | "that" | "which" | "find" | "finds" | "rest" | "rests") {
                return;
            }
            if self.negation.has(t) {
                return;
            }
            let next = x.t.get(j + 1).copied().unwrap_or("");
            let doom = self.doom.has(t)
                && !(matches!(t, "burn" | "burns") && next == "in")
                && !(t == "next" && matches!(next, "to" | "in" | "time" | "week" | "year"))
                || second && matches!(t, "rot" | "rots")
                || matches!(t, "gets" | "get")
                    && x.is(j + 1, &["what"])
                    && (j + 2..(j + 5).min(end)).any(|g| x.t[g] == "got")
                || matches!(t, "swing" | "swings") && x.is(j + 1, &["from"]);
            if doom && !(t == "dead" && self.dead_idiom.has(next)) {
                out.push((i, j));
                return;
            }
            if !self.wish_filler.has(t) && !self.person_at(x, j) && !x.capital[j] && !self.done.has(t) {
                return;
            }
            j += 1;
        }
    }

    /// Threatening idioms and invitations to repeat the attack.
    fn phrase_at(&self, x: &Text<'_>, i: usize, violence: bool, out: &mut Vec<(usize, usize)>) {
        // A token starts only the phrases with its word, a stretched one ("youuuu") those whose
        // word squeezes as it does.
        let candidates: &[usize] = if is_stretched(x.t[i]) {
            self.phrase_starts_squeezed.get(&squeeze(x.t[i])).map_or(&[], Vec::as_slice)
        } else {
            self.phrase_starts.get(x.t[i]).map_or(&[], Vec::as_slice)
        };
        for (words, need) in candidates.iter().map(|&n| &self.phrases[n]) {
            let Some(last) = phrase_end(words, x, i) else { continue };
            let start = x.start_of(i);
            let end = x.end_of(i);
            let next = x.t.get(last + 1).copied().filter(|_| last + 1 < end).unwrap_or("");
            if x.t[last] == "dead" && self.dead_idiom.has(next) {
                continue;
            }
            if self.negated(x, i.saturating_sub(3).max(start), i)
                && !words.contains(&"wont")
                && !words.contains(&"last")
                // "you'll never see the bullet coming": the negation is the threat.
                && !words.contains(&"coming")
                && !matches!(words[0], "miss" | "hear")
            {
                continue;
            }
            let asked = if *need == Need::Nothing { self.asked(x, i) } else { x.question[x.clause[i]] };
            if asked && !matches!(words[0], "whos" | "who") {
                continue;
            }
            let ok = match need {
                Need::Nothing => true,
                Need::Person => (i.saturating_sub(6).max(start)..i).any(|k| {
                    matches!(x.t[k], "you" | "u" | "youre" | "ur" | "your" | "yall" | "youll" | "put" | "im" | "ill")
                }),
                Need::Violence => violence,
                Need::Group => next.is_empty() && (i.saturating_sub(5).max(start)..i).any(|k| self.person_at(x, k)),
                Need::Target => {
                    (last + 1..(last + 4).min(end)).any(|k| self.person_at(x, k) && !x.is(k, &["me", "us"]))
                }
                Need::Alone => {
                    next.is_empty()
                        || matches!(next, "tonight" | "tomorrow" | "now" | "today" | "eventually" | "soon" | "later")
                        || self.person.has(next)
                }
                Need::End => violence && next.is_empty(),
                Need::Bare => {
                    !matches!(
                        next,
                        "a" | "an" | "the" | "some" | "that" | "this" | "those" | "it" | "one" | "more" | "another"
                    ) && !self.given.has(next)
                }
                Need::Final => {
                    next.is_empty()
                        || !matches!(
                            next,
                            "to" | "in"
                                | "on"
                                | "up"
                                | "week"
                                | "time"
                                | "year"
                                | "door"
                                | "line"
                                | "of"
                                | "articles"
                                | "attacks"
                                | "and"
                                | "if"
                        )
                }
            };
            if !ok {
                continue;
            }
            // "Tick tock, reporter", not "tick tock goes the clock".
            if matches!(words[..], ["tick", "tock"] | ["last", "warning"] | ["ill", "have", "your", "head"])
                && !(next.is_empty() || x.comma.get(last + 1) == Some(&true))
            {
                continue;
            }
            // "or else" ends a threat; "live free or die" is a motto, "ride or die" (loyal to the
            // end) and "do or die" are idioms.
            if matches!(words[..], ["or", "else"]) && !next.is_empty()
                || words[..] == ["or", "die"] && x.is(i.wrapping_sub(1), &["free", "ride", "do"])
            {
                continue;
            }
            // "first of many" only at the clause's end; "who's next" not as "next to comment".
            if matches!(words[..], ["first", "of", "many"]) && !next.is_empty() {
                continue;
            }
            if matches!(words.last(), Some(&"next")) && matches!(next, "to" | "in" | "on" | "up" | "time") {
                continue;
            }
            // "I sleep with one eye open" is the writer's own habit.
            if words[0] == "sleep" && i > 0 && x.is(i - 1, &["i", "we", "im", "ive", "still"]) {
                continue;
            }
            // "I will find you a link": handled by the ditransitive rule for verbs.
            out.push((i, last));
        }
        let t = x.t[i];
        // "Let's go Muslim hunting".
        if t == "hunting"
            && i >= 2
            && x.is(i - 2, &["go", "going", "went"])
            && (self.person.has(x.t[i - 1]) || self.person.has(&format!("{}s", x.t[i - 1])))
            && !x.question[x.clause[i]]
        {
            out.push((i - 2, i));
        }
        // "Shut him up for good", "take care of this traitor permanently".
        if (t == "permanently" || t == "forever" || t == "good" && x.is(i.wrapping_sub(1), &["for"]))
            && !x.question[x.clause[i]]
            && let Some(c) = (i.saturating_sub(7).max(x.start_of(i))..i).find(|&k| {
                x.is(
                    k,
                    &[
                        "deal",
                        "dealt",
                        "silence",
                        "silenced",
                        "shut",
                        "rid",
                        "care",
                        "handle",
                        "handled",
                        "remove",
                        "dispose",
                        "disappear",
                    ],
                )
            })
            && (x.start_of(i)..i).any(|k| self.person_at(x, k) && !x.is(k, &["me", "us"]))
            && !self.negated(x, x.start_of(i), i)
            && !(x.start_of(i)..x.end_of(i)).any(|k| {
                self.court_at(x, k)
                    || x.is(
                        k,
                        &[
                            "ban", "banned", "block", "blocked", "account", "accounts", "site", "platform", "twitter",
                            "facebook",
                        ],
                    )
            })
        {
            out.push((c, i));
        }
        // "I would gladly pull the trigger on every ...".
        if t == "trigger"
            && x.is(i + 1, &["on"])
            && (i + 2..(i + 5).min(x.end_of(i))).any(|k| self.person_at(x, k) && !x.is(k, &["me", "us"]))
            && !self.negated(x, x.start_of(i), i)
            && !x.question[x.clause[i]]
        {
            out.push((i, i + 2));
        }
        // "Die, ..., die!".
        if t == "die"
            && i == x.start_of(i)
            && (i + 1 == x.end_of(i) || x.comma.get(i + 1) == Some(&true))
            && !x.question[x.clause[i]]
        {
            out.push((i, x.end_of(i) - 1));
        }
        // "We will show no mercy to ...".
        if t == "mercy"
            && x.is(i.wrapping_sub(1), &["no"])
            && x.is(i + 1, &["to", "for"])
            && (i + 2..(i + 5).min(x.end_of(i))).any(|k| self.person_at(x, k))
            && !x.question[x.clause[i]]
            && !(x.start_of(i)..x.end_of(i))
                .any(|k| self.court_at(x, k) || x.is(k, &["showed", "shown", "was", "were", "had"]))
        {
            out.push((i - 1, i + 2));
        }
        // "the next one will be Putin".
        if t == "next"
            && x.is(i + 1, &["one"])
            && x.is(i + 2, &["will", "is"])
            && (self.person_at(x, i + 3)
                || x.is(i + 3, &["be"]) && (self.person_at(x, i + 4) || x.capital.get(i + 4) == Some(&true)))
        {
            out.push((i, (i + 4).min(x.end_of(i) - 1)));
        }
        // "Lavrov is next", "Karlov today, you tomorrow".
        if t == "finish"
            && violence
            && x.is(i + 1, &["what"])
            && let Some(k) = (i + 2..(i + 6).min(x.end_of(i))).find(|&k| x.t[k] == "started")
        {
            out.push((i, k));
        }
        if t == "next"
            && (violence || x.end_of(i) - x.start_of(i) <= 6)
            && i >= 2
            && x.is(i - 1, &["is", "s", "are", "be"])
            && (self.person_at(x, i - 2) || x.capital[i - 2] || x.t[i - 2] == "america" || self.place.has(x.t[i - 2]))
            && !x.question[x.clause[i]]
            && (i + 1 >= x.end_of(i) || x.comma[i + 1])
            && !(x.start_of(i)..i)
                .any(|k| self.negation.has(x.t[k]) || x.is(k, &["could", "might", "may", "worried", "fear", "afraid"]))
        {
            out.push((i - 2, i));
        }
        if t == "tomorrow" && violence {
            let s = x.start_of(i);
            let e = x.end_of(i);
            if (s..e).any(|k| x.t[k] == "today")
                && (s..e).any(|k| x.capital[k] && k != s && x.t[k] != "tomorrow" || x.t[k] == "you")
            {
                out.push((s, i));
            }
        }
        // "We need more men like him", "hope there are more like him".
        if t == "more" && violence {
            let e = x.end_of(i);
            if let Some(l) = (i + 1..(i + 4).min(e)).find(|&k| x.t[k] == "like")
                && x.is(l + 1, &["him", "altintas", "mevlut", "this", "that"])
                && !x.is(l + 2, &["article", "reporting", "coverage", "photographer", "one"])
                && !self.negated(x, x.start_of(i), i)
            {
                out.push((i, l + 1));
            }
        }
        // "Let this be a lesson to every Russian", "a warning to all".
        if matches!(t, "lesson" | "warning") && x.is(i + 1, &["to", "for"]) && violence {
            let mut k = i + 2;
            while x.is(k, &["all", "every", "the", "each", "any"]) {
                k += 1;
            }
            if k < x.end_of(i) && (self.person_at(x, k) || x.capital[k]) && !x.is(k, &["security"]) {
                out.push((i, k));
            }
        }
    }

    /// "The shooter is a true hero", "glory to the martyr", "well done brother".
    fn praise_at(&self, x: &Text<'_>, i: usize, violence: bool, out: &mut Vec<(usize, usize)>) {
        if !violence {
            return;
        }
        let t = x.t[i];
        let len = match t {
            "hero" | "heroes" | "martyr" | "martyrs" | "shaheed" | "shahid" | "legend" | "bravo" | "glory"
            | "salute" => 1,
            "well" if x.is(i + 1, &["done"]) => 2,
            "good" | "great" | "nice" | "brilliant" if x.is(i + 1, &["job", "shot", "work"]) => 2,
            "god" | "allah" if x.is(i + 1, &["bless"]) => 2,
            "respect" if x.is(i + 1, &["to"]) => 2,
            _ => 0,
        };
        if len == 0 {
            return;
        }
        let s = x.start_of(i);
        let e = x.end_of(i);
        if x.question[x.clause[i]] || self.negated(x, s, e) {
            return;
        }
        // Praise of others: the guards, the photographer, the families.
        if (s..e).any(|k| {
            matches!(
                x.t[k],
                "guard"
                    | "guards"
                    | "photographer"
                    | "journalist"
                    | "journalists"
                    | "reporter"
                    | "reporters"
                    | "police"
                    | "families"
                    | "family"
                    | "victims"
                    | "wounded"
                    | "security"
                    | "people"
                    | "russia"
                    | "turkey"
                    | "ap"
                    | "team"
            )
        }) {
            return;
        }
        // "Calling him a hero is sick": the praise condemned.
        if (s..e).any(|k| {
            x.is(k, &["sick", "disgusting", "shameful", "ashamed", "calling", "call", "coward", "cowardly", "murderer"])
        }) {
            return;
        }
        let about_attacker = (s..e).any(|k| self.attacker.has(x.t[k]) || x.t[k] == "brother" || x.t[k] == "shot");
        let short = e - s <= 3;
        if about_attacker || short {
            out.push((i, i + len - 1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::normalize::normalize;
    use super::*;

    fn spans(text: &str) -> Vec<String> {
        Threats::new().find(text, &normalize(text)).iter().map(|s| text[s.start..s.end].to_string()).collect()
    }

    fn held(text: &str) -> bool {
        !spans(text).is_empty()
    }

    /// Fails with every text that is not held; shared with the tests of the other files here.
    pub(super) fn all_held(texts: &[&str]) {
        let missed: Vec<&&str> = texts.iter().filter(|t| !held(t)).collect();
        assert!(missed.is_empty(), "not held: {missed:?}");
    }

    /// Fails with the spans of every text that is held.
    pub(super) fn none_held(texts: &[&str]) {
        let wrong: Vec<(&&str, Vec<String>)> = texts.iter().filter(|t| held(t)).map(|t| (t, spans(t))).collect();
        assert!(wrong.is_empty(), "held: {wrong:?}");
    }

    #[test]
    fn every_gated_form_has_its_own_bit_of_the_mask() {
        let mut seen = HashSet::new();
        for (bit, lists) in implied::GATES.iter().chain(aftermath::GATES) {
            assert!(*bit < 64, "bit {bit} does not fit the comment's u64 mask");
            assert!(seen.insert(*bit), "bit {bit} is given to two forms");
            assert!(lists.iter().any(|l| !l.is_empty()), "bit {bit} has no words: its form would never run");
        }
    }

    #[test]
    fn a_sentence_opened_with_words_that_say_nothing_is_read_from_its_real_start() {
        all_held(&[
            "Honestly, find them and finish them.",
            "Seriously, let the traitors burn.",
            "Mark my words, hanging traitors is what this country needs.",
            "And get all Muslims and shoot them.",
            "To be honest, isn't it obvious that all trans people should be exterminated?",
            "Listen, can someone just kill the author already?",
        ]);
        none_held(&[
            "Honestly, kill the lights and go to bed.",
            "Seriously, the shooter should face a fair trial.",
            "And he shot the ambassador in front of everyone.",
            "Mark my words, this killing will be used to justify a war.",
        ]);
    }

    #[test]
    fn a_threatening_phrase_holds_with_a_word_or_two_put_inside() {
        assert_eq!(spans("Your days are definitely numbered."), ["Your days are definitely numbered"]);
        all_held(&["I know exactly where you live.", "You're next on the list.", "Your time is almost up."]);
        none_held(&["Your days are full of meetings.", "I know exactly where you bought it."]);
    }

    #[test]
    fn veiled_threats_in_other_words_are_held() {
        all_held(&[
            "You'll never see it coming.",
            "You will not see Christmas.",
            "Don't go out alone, journalist.",
            "Lock your doors tonight, reporter.",
            "Nice car. Shame if it caught fire.",
            "We have people in your city.",
            "Who's going to be next?",
            "The ambassador was the first, not the last.",
            "Let this be a warning to you all.",
            "Serves him right, and the rest of you will follow.",
            "We are watching.",
            "I'd pull the trigger myself.",
            "Next time it will be you.",
        ]);
        none_held(&[
            "Experts fear the killing will not be the last.",
            "We are watching the trial closely.",
            "Next time, please include a map of the embassy.",
            "I never see the point of these debates.",
            "Lock your doors and enjoy the holidays, everyone.",
            "This is only the beginning of the investigation into the killing.",
            "The killing is a lesson to every embassy about security.",
        ]);
    }

    #[test]
    fn warnings_with_their_condition_and_deaths_held_ready_are_held() {
        all_held(&[
            "Keep this up and you'll find out what happens.",
            "One more article like this and you're done.",
            "If I ever see you in the street, you will regret it.",
            "If you write about this again, you will be sorry.",
            "If I catch you outside, you'll wish you hadn't written this.",
            "Publish one more lie about Aleppo and you're finished.",
            "Try it again and see what happens.",
            "There's a bullet waiting for you.",
            "A noose awaits every one of those traitors.",
            "There is a grave waiting for you, editor.",
        ]);
        none_held(&[
            "Keep writing and you'll win a Pulitzer.",
            "If you write about this again, you will get more readers.",
            "Try it again and see what happens to your ratings.",
            "One more article like this and I cancel my subscription.",
            "If I see you at the memorial, you'll get a hug.",
            "Keep this up and you'll be promoted.",
            "There is a grave for the ambassador in Moscow.",
            "The coffin is ready for the funeral.",
        ]);
    }

    #[test]
    fn more_veiled_threats_are_held_and_their_look_alikes_are_not() {
        all_held(&[
            "Every Russian diplomat should fear for his life now.",
            "Good riddance, and the rest of them are next.",
            "Someone finish the job on the consul.",
            "I'd shake the hand of the man who shot him, and then do the same to Putin.",
            "Karlov had it coming and so do you.",
            "You had better hope we never meet.",
            "We know your face, journalist.",
            "We know who you are and where you work.",
            "It's only a matter of time before someone gets you.",
            "People like you tend to have accidents.",
            "Hope your life insurance is paid up.",
            "Soon you will join the ambassador.",
            "We'll be waiting for you outside the office.",
            "Better hire a bodyguard, editor.",
            "Run while you can.",
        ]);
        none_held(&[
            "Your name is on the list of speakers for the memorial.",
            "The police will finish the job of investigating the shooting.",
            "Diplomats in Ankara now fear for their lives, the report says.",
            "We know your face from TV, great interview.",
            "Accidents happen, the security failure was a human error.",
            "Run while you can to buy the paper before it sells out.",
            "Who's volunteering for the night shift at the paper?",
        ]);
    }

    #[test]
    fn the_attack_wished_on_others_and_arson_are_held() {
        all_held(&[
            "He should have shot the rest of them too.",
            "The same needs to be done to the editor of this rag.",
            "Next time aim for the whole delegation.",
            "I wish I had been the one holding the gun.",
            "I would have emptied the whole magazine into him.",
            "More bullets for more ambassadors.",
            "I will set your house on fire.",
            "We will burn your paper to the ground.",
            "I swear I'll get you for this.",
            "I'm going to get you, reporter.",
            "You're a dead woman walking.",
        ]);
        none_held(&[
            "Next time aim for better coverage of the story.",
            "I'm going to get you a coffee, reporter.",
            "The police officer was holding the gun when he shouted.",
            "More security for more ambassadors.",
            "The protesters burned a flag outside the embassy.",
            "This should happen to every student: free lunches.",
        ]);
    }

    #[test]
    fn the_same_threats_in_other_words_are_held() {
        all_held(&[
            "I hope the same thing happens to your family.",
            "That was only a warning.",
            "This will be the last thing you ever write.",
            "Track down the editor and make him pay with his blood.",
            "You will never see me coming.",
            "More Turks should do what the gunman did.",
            "They'll fish your corpse out of the river.",
            "I'll squeeze the life out of you.",
            "I wouldn't care if they were all shot.",
            "Brothers, the time has come to behead every infidel in Europe.",
            "Say hello to the ambassador in hell.",
            "You remember what happened to the last reporter.",
            "Run while you still have legs.",
            "You will share the fate of the ambassador.",
            "Say your last prayers, editor.",
            "Send the author home in a coffin.",
            "I will flay you.",
            "I will cripple you.",
            "Someone should shoot your colleagues.",
        ]);
        none_held(&[
            "I would never do what the gunman did.",
            "This job sucks the life out of me.",
            "I wouldn't care if they were all voted out.",
            "The time has come to talk about security at embassies.",
            "The wounded were taken to hospital.",
            "The last thing you ever want is another war.",
        ]);
    }

    #[test]
    fn threats_asked_for_agreement_are_read_as_the_statement() {
        all_held(&[
            "Who else thinks all Muslims should be killed?",
            "Does anyone else think the editor deserves to die?",
            "Anyone agree those journalists need to be hanged?",
            "Nobody can deny that someone needs to stab the author.",
            "Tell me why we shouldn't shoot every refugee.",
        ]);
        none_held(&[
            "Who else thinks the shooter should get a fair trial?",
            "Does anyone else think the security was a disgrace?",
            "Anyone agree that the embassy should have had more guards?",
            "Who else thinks nobody deserves to die like that?",
        ]);
    }

    #[test]
    fn one_of_a_group_and_more_veiled_forms_are_held() {
        all_held(&[
            "I hope every refugee dies.",
            "I hope every refugee dies in agony.",
            "Istanbul is a dangerous place for journalists like you.",
            "I will hunt you like an animal.",
            "Every Russian in Ankara should be set on fire.",
            "I'll see you in a coffin before New Year.",
            "They'll find you dead in a gutter.",
            "The same end awaits every one of you.",
            "Your kids are not safe.",
        ]);
        none_held(&[
            "Istanbul is a dangerous place for journalists, the report says.",
            "It's dangerous for people like you and me to travel there now.",
            "I enjoy watching the news every evening.",
            "Your kids are safe, the school said.",
            "What I will do to you is send you the full report.",
            "The date should be set soon.",
        ]);
    }

    #[test]
    fn subjunctive_questions_phrasal_verbs_and_orders_to_send_someone_home_dead_are_held() {
        all_held(&[
            "Isn't it time we killed all the traitors?",
            "Would anyone mind if I killed all the refugees?",
            "The day will come when all trans people are exterminated.",
            "Karlov was just the start, all of you Russian dogs are next.",
            "I'm gonna mess you up so bad.",
            "I'll knock you out.",
            "I've been cleaning my gun, reporter.",
            "As far as I'm concerned, they can all be shot.",
            "There are too many refugees and I plan to kill as many as I can.",
            "Send the editor back to Moscow in a box.",
            "After the ambassador, you.",
            "When you least expect it, we will be there.",
            "Go to Ankara and do what he did.",
        ]);
        none_held(&[
            "Isn't it time we talked about security?",
            "Would anyone mind if I shared the link?",
            "The day will come when the truth is known.",
            "The Russians are next to speak at the UN session.",
            "Boxing will knock you out of shape.",
            "I've been cleaning my gun collection for the museum.",
            "Send the editor a box of chocolates.",
            "The ambassador's body was flown back to Moscow in a coffin.",
        ]);
    }

    #[test]
    fn people_made_to_disappear_and_the_same_waiting_are_held() {
        all_held(&[
            "Make the editor disappear.",
            "We will make every one of you vanish.",
            "The same is waiting for you.",
        ]);
        none_held(&[
            "Make the problem disappear with better security.",
            "The police made the crowd disappear from the square? No, they dispersed it.",
            "Don't make the victims disappear from the story.",
            "The same is waiting for the next budget.",
        ]);
    }

    #[test]
    fn ambiguous_phrases_standing_alone_hold_and_in_a_longer_sentence_do_not() {
        all_held(&["I know who you are, journalist.", "That was only a warning.", "We are watching, reporter."]);
        none_held(&[
            "I know who you are, you're the reporter from the TV interview.",
            "That was only a warning from the markets, the economists say.",
            "We are watching, and Turkey must answer for this security failure.",
        ]);
    }

    /// A phrase listed twice is one the list has forgotten it had: the second entry only adds
    /// when it asks for something else.
    #[test]
    fn no_phrase_is_listed_twice_with_the_same_need() {
        let mut seen: Vec<(&str, Need)> = Vec::new();
        for &(phrase, need) in PHRASES {
            assert!(!seen.contains(&(phrase, need)), "listed twice: {phrase:?} with {need:?}");
            seen.push((phrase, need));
        }
    }

    #[test]
    fn letters_spelled_out_before_the_pronoun_i_make_their_own_word() {
        all_held(&[
            "I am going to shoot the next w o m a n I see.",
            "I am going to shoot the next i m m i g r a n t I see.",
        ]);
    }

    /// Every rule looks at words around the one it stands on; none may read past either end. Every
    /// start and end of every corpus row (cut at each word), checked whole, must not panic.
    #[test]
    fn every_cut_of_every_corpus_row_is_checked_without_a_panic() {
        let threats = Threats::new();
        for (text, _) in fixture("threats").iter().chain(&fixture("fine")) {
            let cuts: Vec<usize> = text.match_indices(' ').map(|(i, _)| i).collect();
            for &c in &cuts {
                for part in [&text[..c], &text[c + 1..]] {
                    threats.find(part, &normalize(part));
                }
            }
        }
    }

    #[test]
    fn a_text_that_stops_where_a_participle_would_follow_is_checked_without_a_panic() {
        // "get", "getting", "and" look at the next word for "shot", "stabbed"; here there is none.
        none_held(&["They will get", "those people are getting", "he was dragged through the streets and"]);
    }

    #[test]
    fn the_issues_examples_are_held_with_their_spans() {
        assert_eq!(spans("I will find you and kill you."), ["I will find you and kill you"]);
        assert_eq!(
            spans("Everyone who wrote this garbage will pay with their life, I will find you and kill you."),
            ["Everyone who wrote this garbage will pay with their life", "I will find you and kill you"]
        );
        assert_eq!(
            spans("I'm going to shoot every one of you at that embassy"),
            ["I'm going to shoot every one of you"]
        );
        assert_eq!(spans("You will pay with your life."), ["You will pay with your life"]);
        assert_eq!(spans("I'm going to shoot you."), ["I'm going to shoot you"]);
    }

    #[test]
    fn first_person_intent_with_words_between_and_coordinated_verbs() {
        all_held(&[
            "I will hunt down the author of this article and put a bullet in his head.",
            "I'm going to find this reporter, drag him into the street and shoot him.",
            "I swear to God I will kill every Russian I meet.",
            "We are going to hang all of them.",
            "i'll k1ll u",
            "I'm gonna KIIIILL you",
            "I'm going to blow up the embassy on Monday.",
            "If I had a gun I would shoot every one of them.",
        ]);
    }

    #[test]
    fn doom_foretold_to_the_reader_or_a_group() {
        all_held(&[
            "You're all going to die.",
            "Anyone who defends Russia will end up like Karlov.",
            "Every one of you will pay for Aleppo with your lives.",
            "You will be shot just like the ambassador.",
            "Keep it up and you'll get what the ambassador got.",
        ]);
    }

    #[test]
    fn calls_commands_and_death_to() {
        all_held(&[
            "Someone should put a bullet in Putin's head.",
            "Why doesn't somebody just shoot the whole Russian delegation?",
            "Let's burn their embassy to the ground with them inside.",
            "Hang them all.",
            "Kill every Russian soldier in Syria and their families.",
            "Death to Russia!",
        ]);
    }

    #[test]
    fn the_passive_of_obligation() {
        all_held(&[
            "The people who run this site should be lined up and shot.",
            "Every journalist at this rag deserves to be shot.",
            "All Russians must die.",
            "Erdogan should be hanged in Taksim square.",
        ]);
    }

    #[test]
    fn wishes() {
        all_held(&[
            "I hope you die.",
            "I hope you and your whole family die slowly.",
            "I want every one of you dead.",
            "May you burn alive, author.",
            "I hope someone shoots the editor.",
        ]);
    }

    #[test]
    fn threatening_idioms() {
        all_held(&[
            "Your days are numbered.",
            "Watch your back, journalist.",
            "I know where you live.",
            "You're next.",
            "You'll end up like him, mark my words.",
            "You are dead meat, reporter.",
            "Sleep with one eye open tonight, author.",
        ]);
    }

    #[test]
    fn glorification_as_an_invitation_to_repeat() {
        all_held(&[
            "One down, many more to go.",
            "We need more men like Altintas.",
            "The shooter is a true hero. Follow his example, brothers.",
            "Well done brother. Let this be a lesson to every Russian.",
        ]);
    }

    #[test]
    fn reporting_history_fiction_and_quotes_are_not_threats() {
        none_held(&[
            "The gunman was shot and killed by police minutes later.",
            "He threatened to kill more people before police shot him.",
            "The gunman said everyone who took part in the oppression would pay with their lives.",
            "\"Only death will remove me from here,\" the gunman screamed.",
            "Protesters chanted \"death to Russia\" outside the consulate, according to Reuters.",
            "In 1914 a student shot the archduke and millions died in the war that followed.",
            "In the movie the villain says \"I will find you and I will kill you\", and then Liam Neeson does.",
            "People calling the killer a hero are sick.",
        ]);
    }

    #[test]
    fn justice_negation_and_questions_are_not_threats() {
        none_held(&[
            "Karlov's killer should have been taken alive and put on trial.",
            "Anyone who helped plan this should be arrested and prosecuted.",
            "Nobody deserves to die like that.",
            "No one should be killed for doing their job.",
            "I would never wish death on anyone, not even the gunman.",
            "Should assassins get the death penalty? Turkey abolished it in 2004.",
            "I hope they find out who killed him.",
        ]);
    }

    #[test]
    fn idioms_of_violence_are_not_threats() {
        none_held(&[
            "The reporters on the ground are killing it with their coverage.",
            "I'd kill for a coffee after reading all this news.",
            "This traffic is killing me, I've been stuck for an hour.",
            "You are dead wrong about the motive.",
            "This video is going to blow up on social media.",
            "Shoot me an email if you want the source.",
            "I'll take a stab at answering that question.",
            "We should hang out at the vigil on Friday.",
            "I will find you a link to the full speech.",
            "Our team is going to murder them at the polls.",
            "Who's next to comment on this? Let's keep it civil.",
        ]);
    }

    #[test]
    fn approval_of_violence_in_other_words() {
        assert_eq!(
            spans("It would be best to just drown those kinds of immigrants."),
            ["best to just drown those kinds of immigrants"]
        );
        assert_eq!(
            spans("We would be better off if those refugees were eradicated."),
            ["better off if those refugees were eradicated"]
        );
        assert_eq!(
            spans("In a just world, liberals like you would all be dead."),
            ["world, liberals like you would all be dead"]
        );
        assert_eq!(
            spans("Execution is the only solution for those traitors."),
            ["Execution is the only solution for those"]
        );
        all_held(&[
            "One can only hope someone will put an end to those journalists.",
            "I would love to see those diplomats suffer.",
            "If only someone would strangle those editors.",
            "If only reporters like you all had their throats cut.",
            "Black people like you should stop complaining. You deserve to suffer.",
            "The people who wrote this should be dragged out and shot.",
            "I want to see the whole staff of this paper burn alive.",
            "Let's get rid of the Russians once and for all.",
            "I want to end every journalist's life.",
            "Somebody needs to put this journalist in the ground.",
            "I'll snap that neck of yours.",
        ]);
    }

    #[test]
    fn violence_made_lawful_life_denied_and_rhetorical_calls() {
        all_held(&[
            "Raping a woman like you should not be illegal.",
            "Murdering a journalist like you should be decriminalised.",
            "Killing Russians is a good hobby.",
            "We must not let any Russian live.",
            "Diplomats like you do not deserve to live.",
            "Why don't we just get rid of the immigrants once and for all?",
            "What if we just killed all the reporters?",
            "How about we cut these traitors' throats?",
            "Am I wrong to think that those kinds of journalists ought to be executed?",
        ]);
    }

    #[test]
    fn misspelled_and_glued_words_of_violence() {
        assert_eq!(spans("I want to klil all journalists."), ["I want to klil all journalists"]);
        all_held(&[
            "Russians should all be killd.",
            "Those kinds of reporters ought to be execuetd.",
            "Deaht to all traitors.",
            "Somebody should just stabthose editors.",
            "Journalists like you deserve todie.",
            "We'll tortuer these diplomats without mercy.",
        ]);
    }

    #[test]
    fn the_same_words_aimed_at_things_negated_or_condemned_are_not_threats() {
        none_held(&[
            "Let's just eradicate those weeds.",
            "Somebody should just stab those balloons.",
            "Those kinds of plans ought to be executed.",
            "We should just hang all these pictures.",
            "It would be best to just drown those kinds of steaks in butter.",
            "We should get rid of that couch once and for all.",
            "One can only hope someone will put an end to those fashion trends.",
            "Women do not deserve to be tortured like that.",
            "No journalist deserves to die.",
            "We must not let refugees suffer any longer.",
            "Nobody should live in fear of being shot.",
            "Threatening to kill all immigrants will get you thrown in jail.",
            "He should be in jail for wishing \"death to all Muslims\".",
            "Killing an ambassador is a terrible crime.",
            "Shooting a diplomat should never be excused.",
            "The world would be better off without wars like Syria's.",
            "This is a strange story and the beta version of the site is down.",
        ]);
    }

    #[test]
    fn questions_and_leading_phrases_that_carry_a_statement() {
        assert_eq!(spans("Should I kill all immigrants?"), ["Should I kill all immigrants"]);
        all_held(&[
            "Am I the only one who wants to shoot every immigrant?",
            "Can we please just shoot all the traitors?",
            "Why not just kill them all?",
            "Doesn't everyone agree that women should be killed?",
            "Who else wants to hang every journalist?",
            "When do we start killing the immigrants?",
            "Wouldn't it be great if all Muslims were dead?",
        ]);
        none_held(&[
            "Can we please stop killing each other over politics?",
            "Can we shoot the video in the gallery tomorrow?",
            "Why not just arrest them all and put them on trial?",
            "Am I the only one who wants to see the full footage?",
            "Don't you agree that the guards failed?",
            "Do you think the shooter acted alone?",
        ]);
    }

    #[test]
    fn where_a_group_belongs_what_it_deserves_and_the_only_good_one() {
        all_held(&[
            "Gay people belong in a gas chamber.",
            "Muslims belong six feet under.",
            "A bullet is all these traitors deserve.",
            "Trans people deserve nothing but a rope.",
            "The only good Muslim is a dead Muslim.",
            "The only good journalist is a dead one.",
            "Dead immigrants are the only good immigrants.",
            "Bring back lynching for black people.",
            "We need another holocaust for the Jews.",
        ]);
        none_held(&[
            "Refugees belong in safe homes, not in camps.",
            "The killer deserves a fair trial.",
            "The only good thing about this story is the photographer's work.",
            "Bring back the death penalty, some readers say, but I disagree.",
            "The final solution was the Nazis' plan to murder the Jews.",
            "Nobody deserves a bullet for what they write.",
        ]);
    }

    #[test]
    fn gladness_at_a_death_no_rest_until_and_none_spared() {
        all_held(&[
            "I'd be glad if every journalist got shot.",
            "I wouldn't mind if they were all gassed.",
            "I wouldn't shed a tear if someone killed the author.",
            "I won't rest until every refugee is dead.",
            "None of you will survive.",
            "No immigrant will be spared.",
            "Leave none of them alive.",
            "We won't let a single refugee live.",
            "I'm going to make sure every last one of them dies.",
            "I'd rather die than let a Muslim live.",
            "We will show no mercy to trans people.",
        ]);
        none_held(&[
            "I would be happy if all refugees got housing.",
            "I wouldn't cry if the gallery closed for a week.",
            "I won't stop until the killers are in jail.",
            "No one will be spared the tax increase.",
            "None of the guests were spared the horror of watching.",
            "I will make sure the killer is brought to justice.",
            "The court showed no mercy to the killers.",
        ]);
    }

    #[test]
    fn weapons_held_for_the_reader() {
        all_held(&[
            "I've got a rope ready for you.",
            "I'm sharpening my knife for you.",
            "I have bullets with your names on them.",
            "You'd better watch out, I've got a gun.",
        ]);
        none_held(&[
            "I have a gun licence and I still think you are wrong.",
            "Thanks for the knife tips, you're great.",
            "Do you know I own a knife collection?",
        ]);
    }

    #[test]
    fn more_verbs_targets_and_word_orders() {
        all_held(&[
            "I'm going to show up at your door and kill your wife.",
            "I will lynch the translator.",
            "I will blow away Putin.",
            "Listen, i will cut up that reporter with my own hands!!",
            "Honestly We're going to wait for you and take out this journalist in your sleep.",
            "I'm going to set fire to your house.",
            "I'll suffocate you in your sleep.",
            "Someone should punch that reporter in the face.",
            "Every black person I see, I will attack.",
            "Any Muslim I meet will get stabbed.",
            "You gays make me want to kill you all.",
            "Take it down or we burn your office.",
            "We're going to purge this country of every Muslim.",
            "Muslims should be deported or killed.",
            "Gay people should be thrown off buildings.",
            "Everyone go and lynch that reporter tomorrow.",
            "Inshallah Putin is killed.",
            "Let's go Muslim hunting.",
            "Shut him up for good.",
            "It's time to put all gay people in gas chambers.",
            "Killing a trans person would make me so happy.",
            "Shooting journalists should be legal.",
        ]);
        none_held(&[
            "I'm going to the show tonight, then I'll kill time at the bar.",
            "She should be kicked off the platform for what she said.",
            "They will kick him out of the party.",
            "Let's go duck hunting this weekend.",
            "Shooting the attacker was justified.",
            "Killing the bill was the right decision.",
            "He was silenced permanently by the regime's censors.",
            "Everyone go and read the full article.",
            "Die Hard is still the best Christmas movie.",
            "Live free or die.",
            "AL ride or die! They showed heart.",
            "It's do or die for the Royals tonight.",
            "I'm going to punch in at work now.",
            "I'll kick off the meeting tomorrow.",
        ]);
    }

    #[test]
    fn veiled_threats_in_more_words() {
        all_held(&[
            "It would be a shame if something happened to your family.",
            "Tick tock, editor.",
            "Your time is up.",
            "This will be your last article.",
            "Check under your car tomorrow.",
            "Bad things happen to journalists like you.",
            "I'll dance on your grave.",
            "The same fate awaits all of you.",
            "Delete this article or else.",
            "Leave Syria or die.",
        ]);
        none_held(&[
            "Tick tock goes the clock at the gallery.",
            "I enjoyed your last article.",
            "Bad things happen to good people.",
            "This is the last warning the EU will give Turkey.",
            "Think of your family before you travel to Turkey.",
            "We have your name on the guest list for the memorial.",
            "What Altintas did to Karlov is unforgivable.",
        ]);
    }

    #[test]
    fn verbs_of_harm_read_with_what_follows_them() {
        all_held(&[
            "we'll storm your office and drag you out",
            "i'll knock your teeth out",
            "sink every boat full of migrants",
            "imma smoke that reporter",
            "pull up on the editor, light him up",
            "lets go hunt some muslims tonight",
            "praying that someone finishes off the rest of the embassy staff",
            "blow the gallery up",
            "ill put a bomb under your car",
            "push the writer in front of a train",
            "throw the editor into the bosphorus with rocks in his pockets",
            "feed the author to the fish",
            "douse the editor in petrol and light a match",
            "pull out his fingernails",
            "im going to cave your face in",
            "run the journalist down with a car",
            "someone break this writer's fingers so he can't type",
            "nuke moscow",
        ]);
        none_held(&[
            "i'm going to raid the fridge tonight",
            "protesters stormed the embassy in 2012",
            "let's sink a few beers after work",
            "i smoke a cigar every sunday",
            "light up the tree tonight",
            "round up the kids, dinner is ready",
            "we went hunting some bargains at the market",
            "finish off the report before friday",
            "push the writer to do better",
            "feed the dogs before you go",
            "pull out of syria, that's the only answer",
            "run the numbers again",
            "break a leg at the premiere tonight",
            "skin the onions and chop them",
            "chop the author's sentences, they're too long",
            "you have to kill the lobster quickly before cooking it",
        ]);
    }

    #[test]
    fn capitals_chat_spelling_and_typos_do_not_hide_a_threat_or_make_one() {
        all_held(&["u deserve 2 b shot", "shoot tha writter", "he gettin smoked fr, i'll do it myself with my gun"]);
        none_held(&["KILL THE LIGHTS", "HANG THE PICTURE ON THE WALL", "BURN THE MIDNIGHT OIL", "u deserve 2 b happy"]);
    }

    #[test]
    fn the_reader_s_death_told_by_what_follows_it_and_pleasure_in_a_killing() {
        all_held(&[
            "your name will be in the obituaries by friday",
            "you'll be eating through a straw",
            "ill make you unrecognizable",
            "nothing wrong with shooting a few more russians",
            "killing you would be the highlight of my year",
            "it is halal to kill this journalist",
            "god commands us to kill the unbelievers",
            "it's about time someone shot one of them",
            "whoever wrote this garbage article should get a bullet too",
            "if you don't apologize we'll come for you",
            "unless you take this down, you'll regret being alive",
        ]);
        none_held(&[
            "what's wrong with shooting in raw format?",
            "you'll be in the news soon, congrats on the award",
            "killing time here is the highlight of my day",
            "i'm afraid someone will try to attack the embassy again",
            "calling him a hero is sick, he killed a man in cold blood",
            "the US ambassador will be next to speak",
            "you'll be next in line at the counter",
        ]);
    }

    #[test]
    fn hatecheck_like_forms_in_other_words_and_their_condemnation() {
        all_held(&[
            "It would be a good thing to drown all immigrants.",
            "Do you agree that gay people should be hanged?",
            "We cannot allow a single immigrant to stay alive.",
            "Not one disabled person should be left breathing.",
            "Women deserv to dye.",
            "Death 2 all Muslims.",
        ]);
        none_held(&[
            "Saying gay people should be killed is disgusting.",
            "If you think trans people should die, you're a monster.",
            "It would be a good thing to drown out the noise.",
            "Do you agree that the article should be shortened?",
            "We cannot allow a single mistake in the report.",
            "I'm going to dye my hair.",
        ]);
    }

    #[test]
    fn a_dreamt_killing_a_threat_not_ruled_out_and_allies_named_by_their_men() {
        all_held(&[
            "Every day I imagine strangling the editor.",
            "im so angry i could kill you, and i might",
            "our men will storm the embassy and slaughter everyone",
            "we'll get you eventually",
            "you'll never see the bullet coming",
        ]);
        none_held(&[
            "I imagine the editor was shocked by the shooting.",
            "im so angry i could scream, and i might",
            "our men will guard the embassy and protect everyone",
            "we'll get you the sources eventually",
        ]);
    }

    #[test]
    fn the_reader_s_grave_found_bodies_lists_of_the_doomed_and_ultimatums_on_the_family() {
        all_held(&[
            "Ankara will be your graveyard.",
            "This website will be your tomb.",
            "The ambulance will be too late for you.",
            "Whoever published this will be found hanging.",
            "Lamp posts are waiting for these traitors.",
            "Traitors like you end up hanging from bridges.",
            "Those who insult Russia will not live to regret it.",
            "Anyone who shares this article is next.",
            "Apologise publicly or your family will pay the price.",
            "Take it back or you will be carried out.",
            "You have until Friday to delete this. After that, you're fair game.",
            "Your press card won't stop a bullet.",
            "Your daughter will grow up without a father.",
            "I'm counting the days until I can kill you.",
            "The Armenians should be finished off this time.",
            "A firing squad for the whole editorial staff.",
        ]);
        none_held(&[
            "Istanbul will be your favourite city.",
            "The ambulance arrived too late for the ambassador.",
            "The missing hiker was found floating in the lake in 2015, police said.",
            "Anyone who shares this article is next in line for the prize draw.",
            "Apologise publicly or your readers will leave.",
            "The article should be finished by Friday.",
            "I'm counting the days until I can visit you.",
            "His kids will grow up without a father, and that's on the killer.",
        ]);
    }

    /// FNV-1a: a hash of the text that never changes between runs or Rust versions.
    fn stable_hash(text: &str) -> u64 {
        text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
    }

    /// Rows of every fixture file whose name ends in `{kind}.tsv` (`threats` or `fine`): (text,
    /// source). Lines starting with `#` are comments; the first other line is the header.
    fn fixture(kind: &str) -> Vec<(String, String)> {
        let dir = format!("{}/tests/fixtures/threats", env!("CARGO_MANIFEST_DIR"));
        let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(&format!("{kind}.tsv"))))
            .collect();
        files.sort();
        assert!(!files.is_empty(), "no {kind} fixtures in {dir}");
        let mut rows = Vec::new();
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            rows.extend(text.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).skip(1).map(|l| {
                let (t, s) = l.split_once('\t').unwrap_or_else(|| panic!("{}: no source in {l:?}", path.display()));
                (t.to_string(), s.to_string())
            }));
        }
        rows
    }

    /// What decides a row's part: its text, or for rows generated from a template (HateCheck's
    /// cases, one template filled with seven groups or spelled seven ways) the template, so that
    /// no template is tuned on in one part and measured in the other.
    fn split_key<'a>(text: &'a str, source: &'a str) -> &'a str {
        source.find(", template ").map_or(text, |at| &source[at..])
    }

    fn in_tuning_part(text: &str, source: &str) -> bool {
        stable_hash(split_key(text, source)).is_multiple_of(2)
    }

    /// Where a row comes from, for the figures per source: `written`, `hatecheck`.
    fn origin(source: &str) -> &str {
        source.split([':', ' ']).next().unwrap_or(source)
    }

    /// Whether the whole pipeline, with the default settings, holds a comment from a regular
    /// author.
    fn pipeline_holds(p: &crate::moderation::Pipeline, body: &str) -> bool {
        let history = crate::moderation::AuthorHistory { published: 5, ..Default::default() };
        let v = p.check(&crate::moderation::CheckInput { body, history, ..Default::default() });
        v.action != crate::moderation::Action::Publish
    }

    /// Figures of one part: threats held and their count, fine comments held and their count.
    #[derive(Debug, Clone, Copy, Default)]
    struct Figures {
        threats: usize,
        threats_held: usize,
        fine: usize,
        fine_held: usize,
    }

    impl Figures {
        fn recall(&self) -> f64 {
            self.threats_held as f64 / self.threats.max(1) as f64
        }

        fn false_holds(&self) -> f64 {
            self.fine_held as f64 / self.fine.max(1) as f64
        }

        fn line(&self) -> String {
            format!(
                "threats held {}/{} = {:.1}%, fine held {}/{} = {:.1}%",
                self.threats_held,
                self.threats,
                self.recall() * 100.0,
                self.fine_held,
                self.fine,
                self.false_holds() * 100.0
            )
        }
    }

    /// The corpus figures with the default settings, printed for both parts and per source:
    /// (tuning part, measured part). `THREATS_SHOW=tune` (or `measure`, `all`) prints the misses
    /// too; `THREATS_EXTRA=FILE` tries a file of threats, one a line, `THREATS_EXTRA_FINE=FILE` one of
    /// fine comments; `THREATS_DUMP=FILE` writes every row with its part and decision (a TSV).
    fn corpus_figures() -> (Figures, Figures) {
        let p = crate::moderation::Pipeline::new(&crate::config::ModerationSettings::default());
        let show = std::env::var("THREATS_SHOW").unwrap_or_default();
        let threats = fixture("threats");
        let fine = fixture("fine");
        let mut parts = [Figures::default(), Figures::default()];
        for (n, part) in ["tune", "measure"].into_iter().enumerate() {
            let mut by_origin: std::collections::BTreeMap<&str, Figures> = std::collections::BTreeMap::new();
            for (text, source) in threats.iter().filter(|(t, s)| in_tuning_part(t, s) == (n == 0)) {
                let held = pipeline_holds(&p, text);
                for f in [&mut parts[n], by_origin.entry(origin(source)).or_default()] {
                    f.threats += 1;
                    f.threats_held += usize::from(held);
                }
                if !held && (show == part || show == "all") {
                    println!("  {part} missed: {text}\t{source}");
                }
            }
            for (text, source) in fine.iter().filter(|(t, s)| in_tuning_part(t, s) == (n == 0)) {
                let held = pipeline_holds(&p, text);
                for f in [&mut parts[n], by_origin.entry(origin(source)).or_default()] {
                    f.fine += 1;
                    f.fine_held += usize::from(held);
                }
                if held && (show == part || show == "all") {
                    println!("  {part} wrongly held: {text} {:?}", spans(text));
                }
            }
            println!("{part}: {}", parts[n].line());
            for (o, f) in by_origin {
                println!("  {part}, {o}: {}", f.line());
            }
        }
        // Every row with its part and the pipeline's decision, for experiments outside Rust.
        if let Ok(path) = std::env::var("THREATS_DUMP") {
            let mut out = String::from("part\tkind\theld\tsource\ttext\n");
            for (kind, rows) in [("threat", &threats), ("fine", &fine)] {
                for (text, source) in rows.iter() {
                    let part = if in_tuning_part(text, source) { "tune" } else { "measure" };
                    let held = u8::from(pipeline_holds(&p, text));
                    out.push_str(&format!("{part}\t{kind}\t{held}\t{source}\t{text}\n"));
                }
            }
            std::fs::write(&path, out).unwrap();
        }
        // Any other file of threats, one a line, to try the recogniser on (not part of the figures).
        if let Ok(path) = std::env::var("THREATS_EXTRA") {
            let text = std::fs::read_to_string(&path).unwrap();
            let rows: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
            let missed: Vec<&&str> = rows.iter().filter(|t| !pipeline_holds(&p, t)).collect();
            println!("{path}: held {}/{}", rows.len() - missed.len(), rows.len());
            missed.iter().for_each(|t| println!("  extra not held: {t}"));
        }
        // And a file of fine comments, one a line: which of them are held.
        if let Ok(path) = std::env::var("THREATS_EXTRA_FINE") {
            let text = std::fs::read_to_string(&path).unwrap();
            let rows: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
            let held: Vec<&&str> = rows.iter().filter(|t| pipeline_holds(&p, t)).collect();
            println!("{path}: held {}/{}", held.len(), rows.len());
            held.iter().for_each(|t| println!("  extra fine held: {t} {:?}", spans(t)));
        }
        (parts[0], parts[1])
    }

    #[test]
    fn corpus_rows_are_unique_and_the_sizes_issue_12_asks_for() {
        let threats = fixture("threats");
        let fine = fixture("fine");
        assert!(threats.len() >= 300 && fine.len() >= 300, "{} threats, {} fine", threats.len(), fine.len());
        let mut seen = HashSet::new();
        for (text, source) in threats.iter().chain(&fine) {
            assert!(!source.trim().is_empty(), "no source: {text}");
            assert!(seen.insert(text.as_str()), "twice in the corpus: {text}");
        }
    }

    /// A guard against regressions, on the measured part with the default settings: the figures
    /// as they stood after the round of branch `threats4` (2026-11-30: 91.3% of threats held,
    /// 1.4% of fine comments held; 90.0% and 1.6% before it), less a little.
    /// Run with `-- --nocapture` for the figures of both parts and of each source.
    #[test]
    fn corpus_figures_on_the_measured_part_do_not_regress() {
        let (_, measured) = corpus_figures();
        assert!(measured.recall() >= 0.91, "measured part: {}; floor: 91% of threats held", measured.line());
        assert!(measured.false_holds() <= 0.03, "measured part: {}; target: at most 3% of fine held", measured.line());
    }

    /// Issue 12's targets on the measured part, with the default settings: at least 95% of
    /// threats held, at most 3% of fine comments held. Not met yet (91.3% of threats held):
    /// run with `cargo test --lib moderation::threat -- --ignored --nocapture`.
    #[test]
    #[ignore = "the measured part holds 91.3% of threats, below issue 12's 95% target; see corpus_figures"]
    fn corpus_figures_on_the_measured_part_meet_the_targets() {
        let (_, measured) = corpus_figures();
        assert!(measured.recall() >= 0.95, "measured part: {}; target: 95% of threats held", measured.line());
        assert!(measured.false_holds() <= 0.03, "measured part: {}; target: at most 3% of fine held", measured.line());
    }

    /// Real comments that people outside the project labelled fine (`neither` in the hate and
    /// offensive tweets, `ham` in the YouTube comments), read from `../shared/datasets/` when it
    /// is there: how many the threat check alone would hold. Skipped without the files.
    #[test]
    fn real_fine_comments_are_rarely_read_as_threats() {
        let dir = format!("{}/../shared/datasets", env!("CARGO_MANIFEST_DIR"));
        let threats = Threats::new();
        let show = std::env::var("THREATS_SHOW").unwrap_or_default() == "datasets";
        for (file, fine_label) in [("hate-offensive-train.csv", "neither"), ("youtube-spam-train.csv", "ham")] {
            let Ok(mut reader) = csv::Reader::from_path(format!("{dir}/{file}")) else {
                println!("{file}: not found, skipped");
                continue;
            };
            let (mut fine, mut held) = (0usize, 0usize);
            for record in reader.records().flatten() {
                let (Some(text), Some(label)) = (record.get(0), record.get(1)) else { continue };
                if label != fine_label {
                    continue;
                }
                fine += 1;
                let spans = threats.find(text, &normalize(text));
                if !spans.is_empty() {
                    held += 1;
                    if show {
                        println!("  {file} held: {text}");
                    }
                }
            }
            let share = held as f64 / fine.max(1) as f64;
            println!("{file}: {held}/{fine} fine comments read as threats = {:.2}%", share * 100.0);
            assert!(share <= 0.01, "{file}: {:.2}% of fine comments read as threats", share * 100.0);
        }
    }
}
