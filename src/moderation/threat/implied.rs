//! Threats implied by what they arrange rather than by a verb of violence aimed at the reader:
//!
//! - an ultimatum whose price mirrors the demand: "stop writing or we'll stop you", "delete this
//!   or you will be deleted", "change the headline or we change your face";
//! - a weapon meant for someone: "a bullet each for the editors", "give the reporter a taste of
//!   lead", "someone gift this man a bullet", "my AK is ready for the russians";
//! - watching the reader's life: "we know which school your daughter goes to", "our people know
//!   your schedule", "we have people everywhere, even where you sleep";
//! - a death foretold by its date: "the editor won't survive the year", "today Karlov, tomorrow
//!   Lavrov", "first the ambassador, then the reporters";
//! - the fate of the reader's kind: "people like you end up in rivers", "you wouldn't be the
//!   first journalist to get shot";
//! - a death already counted: "dead journalist walking", "you're a corpse that doesn't know it";
//! - a call for company in violence: "any volunteers to go kill the editor?", "I'm organizing a
//!   group to beat up the author";
//! - an attack that takes the attacker too: "I'm going to blow myself up at the embassy", "I'm
//!   ready to die and take the Russians with me";
//! - harm to what is the reader's as a pity: "would hate for it to burn", "a pity if your wife
//!   didn't come home".
//!
//! Each needs its own signs together, and none holds in a negated, asked (unless it asks for
//! company), quoted or reported clause.
use super::{Text, Threats};

/// Verbs an ultimatum may threaten with that are not violence: "or we'll fire you" is a boss's.
const MILD: &[&str] = &[
    "fire",
    "ban",
    "sue",
    "report",
    "block",
    "unfollow",
    "cancel",
    "charge",
    "fine",
    "ignore",
    "mute",
    "unsubscribe",
    "leave",
    "expose",
    "publish",
    "tell",
    "call",
    "email",
    "contact",
    "complain",
    "remove",
    "delete",
    "flag",
    "vote",
    "boycott",
    "quit",
    "miss",
    "lose",
];

/// Weapons meant for someone: "a bullet for the editor".
const WEAPON: &[&str] = &[
    "bullet",
    "bullets",
    "rope",
    "ropes",
    "noose",
    "nooses",
    "lead",
    "knife",
    "knives",
    "blade",
    "acid",
    "petrol",
    "grenade",
    "grenades",
    "gun",
    "guns",
    "rifle",
    "rifles",
    "ak",
    "ak47",
    "shotgun",
    "pistol",
    "glock",
    "machete",
    "axe",
    "bomb",
    "bombs",
    "squad",
    "gallows",
    "guillotine",
];

/// What a watcher may know of the reader's life: "your schedule", "your daughter's school".
const LIFE: &[&str] = &[
    "schedule",
    "route",
    "routine",
    "address",
    "movements",
    "school",
    "daughter",
    "son",
    "kids",
    "children",
    "wife",
    "husband",
    "parents",
    "mother",
    "car",
    "plate",
    "plates",
    "flat",
    "apartment",
    "commute",
    "gym",
    "house",
    "home",
];

/// Where the reader's kind ends up dead: "in rivers", "in ditches".
const END: &[&str] = &[
    "rivers", "river", "ditch", "ditches", "morgue", "graves", "grave", "coffins", "coffin", "dead", "hospital",
    "pieces", "hanging", "floating",
];

/// Each form's bit in `Text::hit`; this module's forms take bits 0-31, `aftermath`'s 32-63.
const MIRRORED: u32 = 0;
const WEAPON_FOR: u32 = 1;
const WATCHED: u32 = 2;
const KIND: u32 = 3;
const COUNTED_DEAD: u32 = 4;
const TAKEN_ALONG: u32 = 5;
const PITY: u32 = 6;
const DATED: u32 = 7;
const WERE_YOU: u32 = 8;
const MEET_THE_DEAD: u32 = 9;
const TAGGED_FATE: u32 = 10;
const ESCALATION: u32 = 11;
const ARRIVING_ARMED: u32 = 12;
const LAST_READ: u32 = 13;
const BLOWS_NEEDED: u32 = 14;
const MARKED: u32 = 15;
const BLOOD_OWED: u32 = 16;
const MADE_SURE: u32 = 17;
const COMPANY: u32 = 18;
const THINK_OF_YOURS: u32 = 19;

/// The words each form of this module needs somewhere in the comment, with the form's bit in
/// `Text::hit`: a comment with none of them skips the form.
#[rustfmt::skip]
pub(super) const GATES: &[(u32, &[&[&str]])] = &[
    (MIRRORED, &[&["or", "otherwise"]]),
    (WEAPON_FOR, &[WEAPON]),
    (WATCHED, &[LIFE, &["where", "which", "have", "got"]]),
    (KIND, &[&["like", "first"]]),
    (COUNTED_DEAD, &[&["dead", "corpse", "corpses"]]),
    (TAKEN_ALONG, &[&["myself", "ourselves", "die", "kill", "killing", "take", "taking"]]),
    (PITY, &[&["pity", "shame", "sad", "terrible", "awful", "tragic", "hate"]]),
    (DATED, &[&["today", "first", "yesterday", "survive", "outlive", "last"]]),
    (WERE_YOU, &[&["were", "was"]]),
    (MEET_THE_DEAD, &[&["meet", "see", "join", "joining", "meeting", "waiting"]]),
    (TAGGED_FATE, &[&["saying", "sayin", "think", "careful", "hint", "thought"]]),
    (ESCALATION, &[&["just", "enough", "talk", "talking", "words", "warnings", "warning", "warned", "more"]]),
    (ARRIVING_ARMED, &[&["armed", "bringing", "bring", "brought", "carrying", "with", "get", "got"]]),
    (LAST_READ, &[&["last"]]),
    (BLOWS_NEEDED, &[&[ "kicking", "beating", "thrashing", "hiding", "punches", "slaps", "beatdown", "pasting", "bat", "hammer", "crowbar", "brick", "pipe", ]]),
    (MARKED, &[&["target", "targets", "game", "prey"]]),
    (BLOOD_OWED, &[&["blood"]]),
    (MADE_SURE, &[&["sure", "certain"]]),
    (COMPANY, &[&[ "volunteers", "volunteer", "organizing", "organising", "recruiting", "gathering", "guns", "weapons", "knives", ]]),
    (THINK_OF_YOURS, &[&["think"]]),
];

impl Threats {
    /// The forms of this module, for the clause that starts at `start`.
    pub(super) fn implied_at(&self, x: &Text<'_>, start: usize, violence: bool, out: &mut Vec<(usize, usize)>) {
        let end = x.end_of(start);
        if end <= start + 1 || (start..end).any(|k| self.court_at(x, k)) {
            return;
        }
        self.company_at(x, start, end, out);
        if x.question[x.clause[start]] {
            return;
        }
        self.mirrored_at(x, start, end, out);
        self.weapon_for_at(x, start, end, out);
        self.watched_at(x, start, end, out);
        self.kind_at(x, start, end, violence, out);
        self.counted_dead_at(x, start, end, out);
        self.taken_along_at(x, start, end, out);
        self.pity_at(x, start, end, out);
        self.dated_at(x, start, end, violence, out);
        self.were_you_at(x, start, end, out);
        self.meet_the_dead_at(x, start, end, violence, out);
        self.tagged_fate_at(x, start, end, out);
        self.escalation_at(x, start, end, out);
        self.arriving_armed_at(x, start, end, out);
        self.last_read_at(x, start, end, out);
        self.blows_needed_at(x, start, end, out);
        self.marked_at(x, start, end, out);
        self.blood_owed_at(x, start, end, out);
        self.made_sure_at(x, start, end, out);
        self.think_of_yours_at(x, start, end, out);
    }

    /// "Stop writing or we'll stop you", "delete this or you will be deleted", "retract it or we
    /// will retract your life": a demand, then "or" and the writer's act on the reader or the
    /// reader's body or life; an act that is no violence ("or we'll fire you") does not hold.
    fn mirrored_at(&self, x: &Text<'_>, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        if !x.hit(MIRRORED) {
            return;
        }
        // The demand opens the clause with a verb, not a subject: "stop writing", "delete this".
        if x.is(start, &["i", "we", "you", "u", "he", "she", "they", "it", "this", "that", "the", "a", "if"]) {
            return;
        }
        let Some(o) = (start + 1..end).find(|&k| x.is(k, &["or", "otherwise"])) else { return };
        if x.is(o.wrapping_sub(1), &["free", "do", "sink", "more", "less"]) {
            return;
        }
        let mut k = o + 1;
        let writer = x.is(k, &["we", "well", "ill", "i", "im", "were", "imma"]);
        if writer {
            k += 1;
            while x.is(k, &["will", "ll", "shall", "gonna", "going", "to", "are", "am", "m", "re", "just"]) {
                k += 1;
            }
            let Some(verb) = x.t.get(k) else { return };
            if MILD.contains(verb) && !x.is(k + 1, &["your"])
                || matches!(*verb, "not" | "never" | "wont" | "dont" | "cant")
            {
                return;
            }
            // "or we stop you", "or we change your face", "or we will retract your life".
            let object = (k + 1..(k + 4).min(end)).find(|&j| {
                x.is(j, &["you", "u"]) && !x.is(j + 1, &["a", "an", "the", "some"])
                    || x.is(j, &["your", "ur"])
                        && x.is(
                            j + 1,
                            &["face", "life", "head", "legs", "kids", "family", "body", "neck", "house", "home"],
                        )
            });
            if let Some(j) = object {
                out.push((start, j + usize::from(x.is(j, &["your", "ur"]))));
            }
            return;
        }
        // "or your family will pay the price", "or your kids will suffer".
        if x.is(k, &["your", "ur"])
            && x.is(k + 1, &["family", "kids", "children", "wife", "husband", "mother", "daughter", "son", "parents"])
            && (k + 2..(k + 5).min(end))
                .any(|j| x.is(j, &["pay", "pays", "suffer", "suffers", "die", "dies", "bleed", "burn", "hurt"]))
        {
            out.push((start, k + 1));
            return;
        }
        // "or you will be deleted", "or you'll be next".
        let you = if x.is(k, &["youll"]) {
            k + 1
        } else if x.is(k, &["you", "u"]) && x.is(k + 1, &["will", "shall"]) {
            k + 2
        } else {
            return;
        };
        if x.is(you, &["be"])
            && x.t.get(you + 1).is_some_and(|p| {
                // The demand's own verb turned on the reader ("delete ... or you will be
                // deleted"), or a participle of violence or of being done away with.
                let mirrored = p.len() > 4 && x.t[start].len() > 3 && p.starts_with(&x.t[start][..4]);
                self.done.has(p)
                    || mirrored && !matches!(*p, "banned" | "blocked" | "reported" | "fired" | "sued" | "charged")
                    || matches!(
                        *p,
                        "erased" | "silenced" | "eliminated" | "terminated" | "buried" | "hurt" | "punished"
                    )
                    || *p == "carried" && x.is(you + 2, &["out"])
            })
            && (you + 2 >= end || x.is(you + 1, &["carried"]) && you + 3 >= end)
        {
            out.push((start, you + 1));
        }
    }

    /// "A bullet each for the editors", "give the reporter a taste of lead", "someone gift this
    /// man a bullet", "my AK is ready for the russians", "a rope and a tree for this author".
    fn weapon_for_at(&self, x: &Text<'_>, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        if !x.hit(WEAPON_FOR) {
            return;
        }
        if self.negated(x, start, end) {
            return;
        }
        let past = (start..end).any(|k| {
            x.is(k, &["was", "were", "fired", "found", "used", "carried", "bought", "sold", "point", "points", "train"])
        });
        if past {
            return;
        }
        for k in start..end {
            let w = x.t[k];
            let lead_dose = x.is(k + 1, &["injection", "pill", "pills", "sandwich", "diet", "poisoning"]);
            if !WEAPON.contains(&w) || w == "lead" && !x.is(k.wrapping_sub(1), &["of", "some"]) && !lead_dose {
                continue;
            }
            // "give the reporter a taste of lead", "gift this man a bullet".
            let given = (start..k).rev().take(6).find(|&g| x.is(g, &["give", "gift", "send", "serve", "deliver"]));
            if let Some(g) = given
                && let Some(t) = (g + 1..k).find(|&t| self.person_at(x, t) && !x.is(t, &["me", "us"]))
            {
                out.push((g, k.max(t)));
                return;
            }
            // "... for the editors", "... ready for the russians": the people right after "for".
            let f = (k + 1..(k + 6).min(end)).find(|&f| x.is(f, &["for"]));
            if let Some(f) = f
                && !(k + 1..f).any(|j| x.is(j, &["point", "points", "proof", "train", "vest", "wound", "wounds"]))
                && let Some(t) =
                    (f + 1..(f + 5).min(end)).find(|&t| self.person_at(x, t) && !x.is(t, &["me", "us", "myself"]))
                && !x.is(f + 1, &["sale", "hire", "rent", "a", "an"])
                && (x.is(k.wrapping_sub(1), &["a", "one", "my", "each", "every", "some", "of", "and", "the", "firing"])
                    || (k + 1..f).any(|j| x.is(j, &["ready", "each", "waiting", "loaded", "reserved"])))
            {
                out.push((k, t));
                return;
            }
        }
    }

    /// "We know which school your daughter goes to", "our people know your schedule", "we have
    /// people everywhere, even where you sleep", "your daily route isn't a secret anymore".
    fn watched_at(&self, x: &Text<'_>, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        if !x.hit(WATCHED) {
            return;
        }
        let watcher = (start..end).find(|&k| {
            x.is(k, &["we", "i", "weve", "ive"])
                || x.is(k, &["our", "my"]) && x.is(k + 1, &["people", "guys", "men", "friends", "brothers"])
        });
        let Some(w) = watcher else {
            // "your route isn't a secret anymore".
            if let Some(r) =
                (start..end).find(|&k| x.is(k, &["your", "ur"]) && (k + 1..(k + 3).min(end)).any(|j| x.is(j, LIFE)))
                && let Some(sec) = (r + 2..end).find(|&k| x.is(k, &["secret"]))
                && (r..sec).any(|k| self.negation.has(x.t[k]))
                && x.is(sec + 1, &["anymore", "any"])
            {
                out.push((r, sec));
            }
            return;
        };
        let Some(v) = (w + 1..(w + 4).min(end)).find(|&k| {
            x.is(
                k,
                &["know", "knows", "found", "have", "got", "watching", "followed", "seen", "saw", "tracked", "mapped"],
            )
        }) else {
            return;
        };
        if (start..end).any(|k| {
            x.is(
                k,
                &[
                    "sorry",
                    "condolences",
                    "grieving",
                    "proud",
                    "love",
                    "miss",
                    "congratulations",
                    "thanks",
                    "from",
                    "great",
                    "nice",
                    "congrats",
                    "lovely",
                ],
            )
        }) || self.negated(x, start, v)
        {
            return;
        }
        // "know which school your daughter goes to", "know your schedule", "where you sleep".
        let life = (v + 1..(v + 6).min(end)).find(|&k| {
            x.is(k, &["your", "ur"]) && (k + 1..(k + 3).min(end)).any(|j| x.is(j, LIFE) && !x.is(j + 1, &["is", "was"]))
                || x.is(k, &["where", "when"])
                    && x.is(k + 1, &["you", "u", "your"])
                    && (k + 2..(k + 4).min(end))
                        .any(|j| x.is(j, &["sleep", "park", "eat", "drink", "walk", "jog", "pray", "shop"]))
                || x.is(k, &["which"]) && x.is(k + 1, &["school", "car", "route", "gym", "door"])
        });
        // "we have people everywhere", "we have guys in Ankara who can reach you".
        let agents = x.is(v, &["have", "got"])
            && x.is(v + 1, &["people", "guys", "men", "friends", "brothers", "eyes"])
            && (v + 2..end).any(|k| {
                x.is(k, &["reach", "find", "everywhere", "where"]) && (k..end).any(|j| x.is(j, &["you", "u", "sleep"]))
            });
        if let Some(l) = life {
            out.push((w, (l + 2).min(end - 1)));
        } else if agents {
            out.push((w, end - 1));
        }
    }

    /// "People like you end up in rivers", "writers like you have a habit of disappearing",
    /// "you wouldn't be the first journalist to get shot".
    fn kind_at(&self, x: &Text<'_>, start: usize, end: usize, violence: bool, out: &mut Vec<(usize, usize)>) {
        if !x.hit(KIND) {
            return;
        }
        if let Some(l) = (start + 1..end.saturating_sub(1)).find(|&k| x.is(k, &["like"]) && x.is(k + 1, &["you", "u"]))
            && (self.person_at(x, l - 1) || x.is(l - 1, &["people", "guys", "ones"]))
        {
            let fate = (l + 2..end).find(|&k| {
                x.is(k, &["end"]) && x.is(k + 1, &["up"]) && (k + 2..(k + 5).min(end)).any(|j| x.is(j, END))
                    || x.is(k, &["disappearing", "disappear", "vanish", "vanishing"])
                    || x.is(k, &["die", "dies"]) && !x.is(k + 1, &["of", "from", "old", "laughing"])
                    || violence && x.is(k, &["accidents", "accident"])
                    || self.done.has(x.t[k]) && x.is(k - 1, &["get", "gets", "got", "be", "are"])
            });
            if let Some(f) = fate
                && !self.negated(x, l, f)
            {
                out.push((l - 1, f));
                return;
            }
        }
        // "you wouldn't be the first journalist to get shot".
        if let Some(f) = (start + 1..end).find(|&k| x.is(k, &["first"]) && x.is(k - 1, &["the"]))
            && (start..f).any(|k| x.is(k, &["you", "u", "youd", "youre"]))
            && (start..f).any(|k| x.is(k, &["wouldnt", "wont", "arent", "not", "isnt"]))
            && let Some(d) = (f + 1..(f + 6).min(end)).find(|&k| {
                (self.done.has(x.t[k]) && x.is(k - 1, &["get", "be", "been"]))
                    || x.is(k, &["die", "disappear", "vanish"])
            })
        {
            out.push((start, d));
        }
    }

    /// "Dead journalist walking", "a dead man typing", "you're a corpse that doesn't know it".
    fn counted_dead_at(&self, x: &Text<'_>, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        if !x.hit(COUNTED_DEAD) {
            return;
        }
        for k in start..end {
            if x.is(k, &["dead"])
                && (self.person_at(x, k + 1) || x.is(k + 1, &["man", "woman", "men"]))
                && x.is(k + 2, &["walking", "typing", "talking", "breathing", "writing", "posting"])
                // Said of the reader, not "he is a dead man walking politically".
                && !(start..k).any(|j| x.is(j, &["he", "she", "they", "hes", "shes", "theyre", "his", "its", "it"]))
                && !x.is(k + 3, &["politically", "professionally", "electorally", "career", "in"])
            {
                out.push((k, k + 2));
                return;
            }
            if x.is(k, &["corpse", "corpses"])
                && (start..k).any(|j| x.is(j, &["you", "u", "youre", "ur", "yall"]))
                && !self.negated(x, start, k)
                && !(start..k).any(|j| x.is(j, &["like", "look", "looks"]))
            {
                out.push((start, k));
                return;
            }
        }
    }

    /// "I'm going to blow myself up at the embassy", "I'm ready to die for Aleppo and take the
    /// Russians with me".
    fn taken_along_at(&self, x: &Text<'_>, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        if !x.hit(TAKEN_ALONG) {
            return;
        }
        if self.negated(x, start, end) {
            return;
        }
        let own = (start..end).find(|&k| {
            x.is(k, &["blow", "blowing"]) && x.is(k + 1, &["myself", "ourselves"])
                || x.is(k, &["die", "kill"]) && x.is(k.wrapping_sub(1), &["to", "ll", "will", "gonna"])
                || x.is(k, &["kill", "killing"]) && x.is(k + 1, &["myself"])
        });
        let Some(o) = own else { return };
        let intent = (start..o).any(|k| x.is(k, &["im", "ill", "i", "we", "well", "were", "gonna", "imma"]));
        if !intent {
            return;
        }
        // "... at the embassy", "... and take the Russians with me".
        let place = (o + 2..end).find(|&k| self.place.has(x.t[k]) && x.is(k - 1, &["the", "that", "your", "this"]));
        let along = (o + 1..end).find(|&k| x.is(k, &["take", "taking"])).and_then(|t| {
            let with = (t + 1..(t + 6).min(end)).find(|&k| x.is(k, &["with"]) && x.is(k + 1, &["me", "us"]))?;
            (t + 1..with)
                .any(|k| self.person_at(x, k) || self.place.has(x.t[k]) || x.is(k, &["everyone", "all"]))
                .then_some(with + 1)
        });
        let own_blow = x.is(o, &["blow", "blowing"]);
        if let Some(a) = along {
            out.push((o, a));
        } else if let Some(p) = place
            && own_blow
        {
            out.push((o, p));
        }
    }

    /// "Nice newsroom you got there, would hate for it to burn", "a pity if your wife didn't
    /// come home tonight", "shame if you tripped and fell off your balcony".
    fn pity_at(&self, x: &Text<'_>, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        if !x.hit(PITY) {
            return;
        }
        let Some(p) = (start..end).find(|&k| {
            x.is(k, &["pity", "shame", "sad", "terrible", "awful", "tragic"]) && x.is(k + 1, &["if"])
                || x.is(k, &["hate"]) && x.is(k + 1, &["for"]) && x.is(k.wrapping_sub(1), &["would", "d"])
        }) else {
            return;
        };
        let harm = (p + 2..(p + 12).min(end)).find(|&k| {
            x.is(
                k,
                &[
                    "burn",
                    "burned",
                    "burnt",
                    "explode",
                    "exploded",
                    "fell",
                    "fall",
                    "tripped",
                    "disappeared",
                    "vanished",
                ],
            ) || x.is(k, &["come", "came", "make"])
                && x.is(k + 1, &["home"])
                && (p..k).any(|j| self.negation.has(x.t[j]))
        });
        let yours = (p + 1..end).any(|k| x.is(k, &["you", "u", "your", "ur", "it"]));
        if let Some(h) = harm
            && yours
        {
            out.push((p, h + usize::from(x.is(h + 1, &["home"]))));
        }
    }

    /// "The editor won't survive the year", "today Karlov, tomorrow Lavrov", "first the
    /// ambassador, then the reporters".
    fn dated_at(&self, x: &Text<'_>, start: usize, end: usize, violence: bool, out: &mut Vec<(usize, usize)>) {
        if !x.hit(DATED) {
            return;
        }
        // "today X, tomorrow Y" at the end of the clause.
        if violence
            && x.is(start, &["today", "first", "yesterday"])
            && let Some(t) = (start + 2..end).find(|&k| x.is(k, &["tomorrow", "then", "next"]) && x.comma[k])
            && (start + 1..t).any(|k| self.person_at(x, k))
            && (t + 1..end).any(|k| self.person_at(x, k))
            && end - t <= 4
        {
            out.push((start, end - 1));
            return;
        }
        // "the editor won't survive the year", "doesn't survive the month".
        if let Some(s) = (start + 1..end).find(|&k| x.is(k, &["survive", "outlive"]))
            && x.is(s - 1, &["wont", "doesnt", "not", "never"])
            && (start..s - 1).any(|k| self.person_at(x, k) && !x.is(k, &["i", "me", "we", "us"]))
            && x.is(s + 1, &["the", "this", "another", "till", "until", "past"])
            && (s + 2..(s + 4).min(end))
                .any(|k| x.is(k, &["year", "month", "week", "weekend", "night", "day", "christmas"]))
        {
            out.push((start, s + 2));
            return;
        }
        // "the author won't last long", after talk of the killing.
        if violence
            && let Some(l) = (start + 1..end).find(|&k| x.is(k, &["last"]) && x.is(k + 1, &["long"]))
            && x.is(l - 1, &["wont", "not", "never"])
            && (start..l - 1).any(|k| self.person_at(x, k) && !x.is(k, &["i", "me", "we", "us"]))
            && l + 2 >= end
        {
            out.push((start, l + 1));
        }
    }

    /// "I'd be worried about your health if I were you", "I'd be careful what you write if I
    /// were you": advice on the reader's safety, closed by "if I were you".
    fn were_you_at(&self, x: &Text<'_>, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        if !x.hit(WERE_YOU) {
            return;
        }
        let Some(f) = (start + 2..end.saturating_sub(3)).find(|&k| {
            x.is(k, &["if"]) && x.is(k + 1, &["i"]) && x.is(k + 2, &["were", "was"]) && x.is(k + 3, &["you", "u"])
        }) else {
            return;
        };
        let safety = (start..f).find(|&k| {
            x.is(
                k,
                &[
                    "worried",
                    "careful",
                    "brakes",
                    "lock",
                    "doors",
                    "bodyguard",
                    "vest",
                    "alone",
                    "safety",
                    "health",
                    "shoulder",
                    "back",
                    "kids",
                    "family",
                    "insurance",
                    "will",
                    "disappear",
                    "hide",
                    "run",
                ],
            )
        });
        if let Some(s) = safety
            && !(start..f)
                .any(|k| x.is(k, &["roads", "road", "ice", "icy", "weather", "storm", "sun", "diet", "sources"]))
        {
            out.push((s, f + 3));
        }
    }

    /// "Say hi to the ambassador for me, you'll meet him soon", "Karlov is waiting for you",
    /// "pray to your god, you'll meet him soon": the reader sent to join the dead.
    fn meet_the_dead_at(&self, x: &Text<'_>, start: usize, end: usize, violence: bool, out: &mut Vec<(usize, usize)>) {
        if !x.hit(MEET_THE_DEAD) {
            return;
        }
        if !violence || self.negated(x, start, end) {
            return;
        }
        let dead = |k: usize| x.is(k, &["karlov", "ambassador", "god", "allah", "maker", "him", "victims"]);
        for k in start..end {
            // "you'll meet him soon", "you will join Karlov".
            let you = x.is(k, &["youll"]) || x.is(k, &["you", "u"]) && x.is(k + 1, &["will", "shall", "gonna"]);
            if you
                && let Some(m) =
                    (k + 1..(k + 4).min(end)).find(|&j| x.is(j, &["meet", "see", "join", "joining", "meeting"]))
                && (m + 1..(m + 4).min(end)).any(dead)
                && (m + 1..end).any(|j| x.is(j, &["soon", "shortly", "tonight", "tomorrow", "hell", "next"]))
            {
                out.push((k, end - 1));
                return;
            }
            // "Karlov is waiting for you", "hell is waiting for you".
            if x.is(k, &["karlov", "hell", "ambassador"])
                && x.is(k + 1, &["is", "s"])
                && x.is(k + 2, &["waiting"])
                && x.is(k + 3, &["for"])
                && x.is(k + 4, &["you", "u"])
            {
                out.push((k, k + 4));
                return;
            }
        }
    }

    /// "Journalists die all the time in Turkey, just saying", "many reporters have died for less,
    /// think about it", "careful, reporters have accidents": a fact about deaths of the reader's
    /// kind turned into a warning by its tag.
    fn tagged_fate_at(&self, x: &Text<'_>, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        if !x.hit(TAGGED_FATE) {
            return;
        }
        let kind = (start..end).find(|&k| {
            x.is(k, &["journalists", "reporters", "writers", "editors", "authors", "critics", "bloggers", "commenters"])
        });
        let Some(j) = kind else { return };
        let fate = (j + 1..(j + 5).min(end)).find(|&k| {
            x.is(k, &["die", "died", "disappear", "disappeared", "vanish", "accidents", "accident"])
                || self.done.has(x.t[k]) && x.is(k - 1, &["get", "got", "been"])
        });
        let Some(f) = fate else { return };
        let n = x.t.len();
        let tag = (0..n).find(|&k| {
            x.is(k, &["just"]) && x.is(k + 1, &["saying", "sayin"])
                || x.is(k, &["think"]) && x.is(k + 1, &["about"]) && x.is(k + 2, &["it", "that"])
                || x.is(k, &["careful"])
                    && (k == 0 || x.is(k - 1, &["be"]))
                    && x.comma.get(k + 1).copied().unwrap_or(true)
                || x.is(k, &["hint"]) && x.is(k + 1, &["hint"])
                || x.is(k, &["food"]) && x.is(k + 1, &["for"]) && x.is(k + 2, &["thought"])
        });
        if tag.is_some() && !self.negated(x, j, f) {
            out.push((j, f));
        }
    }

    /// "Enough talk, time to kill", "I warned you once, now you die", "no more warnings, now we
    /// kill", "next time I won't just watch": words and warnings declared over, violence next.
    fn escalation_at(&self, x: &Text<'_>, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        if !x.hit(ESCALATION) {
            return;
        }
        // "I won't just watch next time".
        if let Some(j) = (start + 1..end.saturating_sub(1)).find(|&k| {
            x.is(k, &["just"])
                && x.is(k - 1, &["wont", "not"])
                && x.is(k + 1, &["watch", "look", "talk", "warn", "write", "stare", "follow"])
        }) && (start..end).any(|k| x.is(k, &["next", "time", "again"]))
            && (start..j).any(|k| x.is(k, &["i", "we", "ill", "well"]))
        {
            out.push((start, j + 1));
            return;
        }
        // The words over: "enough talk", "warnings are over", "I warned you once", "the time for
        // talk is over", in the comment before or in this clause.
        let over = |k: usize| {
            x.is(k, &["enough"]) && x.is(k + 1, &["talk", "talking", "words", "warnings"])
                || x.is(k, &["talk", "talking", "words", "warnings", "warning"])
                    && (k + 1..(k + 4).min(x.t.len())).any(|j| x.is(j, &["over", "done", "finished"]))
                || x.is(k, &["warned"]) && x.is(k + 1, &["you"]) && x.is(k + 2, &["once", "twice"])
                || x.is(k, &["more"]) && x.is(k.wrapping_sub(1), &["no"]) && x.is(k + 1, &["warnings", "talk", "words"])
                || x.is(k, &["warned"]) && x.is(k.wrapping_sub(1), &["i"]) && x.is(k.wrapping_sub(2), &["time"])
        };
        if !(0..end).any(over) {
            return;
        }
        // The violence next: "time to kill", "now you die", "bullets are next", "grab your
        // weapons", "let's get the guns", "this time I act".
        let next = (start..end).find(|&k| {
            x.is(k, &["kill", "killing", "die", "bullets", "guns", "weapons", "blood", "shoot", "act", "rope"])
                && (start..k)
                    .any(|j| x.is(j, &["time", "now", "next", "grab", "get", "lets", "has", "come", "we", "you"]))
                || x.is(k, &["bullets", "blood", "guns"])
                    && x.is(k + 1, &["are", "is", "will"])
                    && x.is(k + 2, &["next", "coming"])
        });
        if let Some(n) = next
            && !self.negated(x, n.saturating_sub(2).max(start), n)
        {
            out.push((start, n));
        }
    }

    /// "We're coming, and we're armed", "we're on our way to your office now, armed", "I'm in
    /// your parking lot, come out", "bringing my knife to your book signing, see you there",
    /// "you'll get a knife, not an apology".
    fn arriving_armed_at(&self, x: &Text<'_>, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        if !x.hit(ARRIVING_ARMED) {
            return;
        }
        let armed = (start..end).find(|&k| {
            x.is(k, &["armed"])
                || x.is(k, &["my", "our", "a", "the"])
                    && x.t.get(k + 1).is_some_and(|w| WEAPON.contains(w) && *w != "lead" && *w != "petrol")
                    && (start..k).any(|j| x.is(j, &["bringing", "bring", "brought", "carrying", "with", "get", "got"]))
        });
        let Some(a) = armed else { return };
        // Coming at the reader: "we're coming", "on our way to your office", "see you there",
        // "outside your building"; or the reader given the weapon ("you'll get a knife").
        let coming = (start..end).any(|k| {
            x.is(k, &["coming", "way", "outside", "see", "expect"])
                && (start..end).any(|j| x.is(j, &["we", "were", "im", "i", "ill", "well", "you", "your"]))
                || x.is(k, &["your"])
                    && x.is(k + 1, &["office", "house", "home", "door", "building", "street", "school"])
        }) || (start..a).any(|k| x.is(k, &["youll", "you"]) && x.is(k + 1, &["get", "will", "gonna"]));
        if coming
            && !self.negated(x, start, a)
            && !(start..end)
                .any(|k| x.is(k, &["police", "guards", "security", "soldiers", "was", "were"]) && k != start)
        {
            out.push((start.min(a), if x.is(a, &["armed"]) { a } else { a + 1 }));
        }
    }

    /// "This is the last comment you'll ever read", "enjoy reading this, it's the last thing
    /// you'll read": the reader's last act foretold.
    fn last_read_at(&self, x: &Text<'_>, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        if !x.hit(LAST_READ) {
            return;
        }
        for k in start..end {
            if !x.is(k, &["last"]) {
                continue;
            }
            let mut j = k + 1;
            if x.is(j, &["thing", "comment", "article", "word", "words", "story", "post", "time", "line"]) {
                j += 1;
            }
            if !x.is(j, &["youll", "you", "u"]) {
                continue;
            }
            j += 1;
            while x.is(j, &["will", "ll", "ever", "are", "re", "gonna", "going", "to"]) {
                j += 1;
            }
            if x.is(j, &["read", "write", "see", "hear", "say", "post", "publish", "do", "type"])
                && (k + 1..j).any(|m| x.is(m, &["ever", "youll", "will"]))
                && !x.is(j + 1, &["from", "by", "on", "about", "in"])
                && !self.negated(x, start, j)
            {
                out.push((k, j));
                return;
            }
        }
    }

    /// "This author needs a good kicking", "a few punches would sort this writer out", "a
    /// baseball bat to the head would fix your opinions": blows prescribed for a person.
    fn blows_needed_at(&self, x: &Text<'_>, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        if !x.hit(BLOWS_NEEDED) {
            return;
        }
        let blows = (start..end).find(|&k| {
            x.is(k, &["kicking", "beating", "thrashing", "hiding", "punches", "slaps", "beatdown", "pasting"])
                || x.is(k, &["bat", "hammer", "crowbar", "brick", "pipe"])
                    && x.is(k + 1, &["to"])
                    && x.is(k + 2, &["the", "his", "your"])
        });
        let Some(b) = blows else { return };
        let prescribed = (start..end).any(|k| {
            x.is(k, &["needs", "need", "deserves", "deserve", "would", "should", "wants"])
                && (x.is(k, &["would"]) || k < b)
                && (k..end).any(|j| {
                    x.is(j, &["sort", "fix", "cure", "teach", "help", "needs", "need", "deserves", "deserve", "should"])
                })
        });
        let person = (start..end).any(|k| self.person_at(x, k) && !x.is(k, &["me", "us", "i", "we"]))
            || (start..end)
                .any(|k| x.is(k, &["your", "ur"]) && x.is(k + 1, &["opinions", "opinion", "views", "face", "head"]));
        if prescribed
            && person
            && !self.negated(x, start, end)
            && !(start..end)
                .any(|k| x.is(k, &["team", "economy", "market", "stocks", "pound", "lira", "ruble", "rouble"]))
        {
            out.push((start, end - 1));
        }
    }

    /// "Every Russian in Turkey is now a target", "any Russian tourist in Antalya is fair game
    /// now": people declared targets.
    fn marked_at(&self, x: &Text<'_>, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        if !x.hit(MARKED) {
            return;
        }
        let Some(t) = (start + 2..end).find(|&k| {
            x.is(k, &["target", "targets"]) && !x.is(k + 1, &["audience", "market", "group", "of", "for"])
                || x.is(k, &["game"]) && x.is(k - 1, &["fair"]) && !x.is(k + 1, &["for", "to", "in"])
                || x.is(k, &["prey"])
        }) else {
            return;
        };
        // "you're fair game": the subject and "are" in one token.
        let is = (start..t).find(|&k| x.is(k, &["is", "are", "s", "re"]) && k > start || x.is(k, &["youre", "ur"]));
        let Some(i) = is else { return };
        let i = if x.is(i, &["youre", "ur"]) { i + 1 } else { i };
        if (start..i).any(|k| self.person_at(x, k) && !x.is(k, &["i", "me", "we", "us"]) || x.is(k, &["youre", "ur"]))
            && (start..i).any(|k| {
                x.is(k, &["every", "all", "any", "each", "you", "u", "youre", "ur"])
                    || x.t[k].ends_with('s') && self.person.has(x.t[k])
            })
            && !self.negated(x, start, t)
            && !(start..end).any(|k| x.is(k, &["was", "were", "been", "ads", "advertising", "marketing", "audience"]))
        {
            out.push((start, t));
        }
    }

    /// "Aleppo demands Russian blood", "the blood of this writer is halal", "this writer's blood
    /// is permitted": a person's blood declared owed or lawful.
    fn blood_owed_at(&self, x: &Text<'_>, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        if !x.hit(BLOOD_OWED) {
            return;
        }
        let Some(b) = (start..end).find(|&k| x.is(k, &["blood"])) else { return };
        let owed = (start..end).find(|&k| {
            x.is(
                k,
                &[
                    "halal",
                    "permitted",
                    "permissible",
                    "lawful",
                    "demands",
                    "demand",
                    "wants",
                    "owed",
                    "thirsts",
                    "thirst",
                ],
            )
        });
        let whose = (start..end).any(|k| {
            k != b && self.person_at(x, k) && !x.is(k, &["i", "me", "we", "us", "our", "my"])
                || x.is(k, &["russian", "turkish", "infidel", "kafir", "traitor"])
        });
        if let Some(o) = owed
            && whose
            && !self.negated(x, start, end)
            && !(start..end).any(|k| {
                x.is(k, &["donation", "donations", "donate", "bank", "test", "pressure", "type", "transfusion"])
            })
        {
            out.push((b.min(o), b.max(o)));
        }
    }

    /// "I will personally make sure this writer never sees another birthday": an intent to see
    /// that a person never lives, writes or walks again.
    fn made_sure_at(&self, x: &Text<'_>, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        if !x.hit(MADE_SURE) {
            return;
        }
        let Some(m) = (start..end).find(|&k| x.is(k, &["make", "making"]) && x.is(k + 1, &["sure", "certain"])) else {
            return;
        };
        if !(start..m).any(|k| x.is(k, &["i", "we", "ill", "well", "im", "were", "imma"])) {
            return;
        }
        let person = (m + 2..(m + 5).min(end)).find(|&k| self.person_at(x, k) && !x.is(k, &["i", "me", "we", "us"]));
        let Some(p) = person else { return };
        let never = (p + 1..(p + 3).min(end)).find(|&k| x.is(k, &["never", "doesnt", "dont", "wont"]));
        let Some(n) = never else { return };
        if x.is(
            n + 1,
            &[
                "sees", "see", "writes", "write", "walks", "walk", "wakes", "wake", "breathes", "breathe", "lives",
                "live", "speaks", "speak", "types", "type",
            ],
        ) && (n + 2..end).any(|k| x.is(k, &["again", "another", "birthday", "christmas", "tomorrow", "anything"]))
        {
            out.push((m, n + 1));
        }
    }

    /// "Think about your children before you write again", "think of your wife when you publish
    /// this": the reader's family held up against what they write.
    fn think_of_yours_at(&self, x: &Text<'_>, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        if !x.hit(THINK_OF_YOURS) {
            return;
        }
        let Some(t) = (start..end).find(|&k| x.is(k, &["think"]) && x.is(k + 1, &["about", "of"])) else { return };
        let kin = x.is(t + 2, &["your", "ur"])
            && x.is(
                t + 3,
                &["children", "kids", "family", "wife", "husband", "daughter", "son", "mother", "parents", "safety"],
            );
        let writing = (t + 4..end).any(|k| {
            x.is(k, &["before", "when", "next"])
                && (k + 1..(k + 5).min(end))
                    .any(|j| x.is(j, &["write", "publish", "post", "print", "comment", "type", "report", "writing"]))
        });
        if kin && writing && !self.negated(x, start, t) {
            out.push((t, t + 3));
        }
    }

    /// "Any volunteers to go kill the editor?", "who's with me? let's go get him", "I'm
    /// organizing a group to beat up the author", "need 3 guys with guns to visit the newsroom".
    fn company_at(&self, x: &Text<'_>, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        if !x.hit(COMPANY) {
            return;
        }
        let asks = |k: usize| {
            x.is(k, &["volunteers", "volunteer", "organizing", "organising", "recruiting", "gathering"])
                || x.is(k, &["guys", "men", "people"])
                    && x.is(k + 1, &["with"])
                    && x.is(k + 2, &["guns", "weapons", "knives"])
        };
        // "who's gonna take out this journalist? any volunteers?": the ask may stand in a
        // clause of its own.
        let ask = (start..end).find(|&k| asks(k)).or_else(|| {
            (0..x.t.len()).any(asks).then_some(start).filter(|_| x.is(start, &["whos", "who", "lets", "anyone"]))
        });
        let Some(a) = ask else { return };
        for v in a + 1..end {
            if self.violent_at(x, v)
                && x.is(v.wrapping_sub(1), &["to", "go", "and", "gonna", "gon", "will"])
                && let Some(t) = self.target_after(x, v)
                && !x.is(t, &["me", "us"])
            {
                if !self.negated(x, start, v) {
                    out.push((a, t));
                }
                return;
            }
            // "with guns to visit the newsroom".
            if x.is(v, &["visit", "hit", "raid"])
                && x.is(v - 1, &["to"])
                && (v + 1..(v + 3).min(end)).any(|k| self.place.has(x.t[k]) || self.person_at(x, k))
                && x.is(a + 1, &["with"])
            {
                out.push((a, v + 2));
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{all_held, none_held};

    #[test]
    fn an_ultimatum_whose_price_mirrors_the_demand_is_a_threat() {
        all_held(&[
            "stop writing or we'll stop you",
            "delete this article or you will be deleted",
            "retract it or we will retract your life",
        ]);
        none_held(&[
            "finish the report or we'll fire you",
            "pay the bill or we'll cancel your account",
            "sink or swim, that's how it goes",
            "read the article or you will be confused",
        ]);
    }

    #[test]
    fn a_weapon_meant_for_someone_is_a_threat() {
        all_held(&[
            "a bullet each for the editors",
            "give the reporter a taste of lead",
            "someone gift this man a bullet",
            "my rifle is ready for the russians",
        ]);
        none_held(&[
            "the bullet for the ambassador was fired from a police gun",
            "a bullet point for the editors would help",
            "give the reporter a raise",
            "this knife is for the onions",
        ]);
    }

    #[test]
    fn watching_the_reader_s_life_is_a_threat() {
        all_held(&[
            "we know which school your daughter goes to",
            "our people know your schedule",
            "we have people everywhere, even where you sleep",
            "your daily route isn't a secret anymore",
        ]);
        none_held(&[
            "we know your family is grieving, our condolences",
            "i know your school from the news, proud of it",
            "we have people everywhere in our company",
            "i know which gym you go to, we saw you there, great workout",
        ]);
    }

    #[test]
    fn the_reader_s_kind_and_a_death_counted_are_threats() {
        all_held(&[
            "people like you end up in rivers",
            "you wouldn't be the first journalist to get shot",
            "dead journalist walking",
            "this is a dead man typing",
            "you're a corpse that doesn't know it yet",
        ]);
        none_held(&[
            "people like you end up in politics",
            "you wouldn't be the first journalist to win this prize",
            "you look like a corpse after that night shift lol",
            "he is a dead man walking politically after this failure",
        ]);
    }

    #[test]
    fn an_attack_that_takes_the_attacker_and_a_pity_for_what_is_yours() {
        all_held(&[
            "im going to blow myself up at the embassy",
            "i'm ready to die for aleppo and take the russians with me",
            "nice little newsroom you got there, would hate for it to burn",
            "it would be a pity if your wife didn't come home tonight",
        ]);
        none_held(&[
            "i'm ready to die for my country",
            "it would be a pity if you missed the concert",
            "i would hate for you to miss the show",
        ]);
    }

    #[test]
    fn advice_if_i_were_you_the_dead_waiting_and_a_fate_tagged_as_a_warning() {
        all_held(&[
            "i'd be worried about your health if i were you",
            "after the shooting: say hi to the ambassador for me, you'll meet him soon",
            "karlov is waiting for you, shooter",
            "journalists die all the time in turkey, just saying",
            "many reporters have died for less, think about it",
            "after the killing the author won't last long",
            "who's gonna take out this journalist? any volunteers?",
        ]);
        none_held(&[
            "i'd be careful on icy roads if i were you",
            "i'd read the whole article if i were you",
            "you'll meet him at the conference next week",
            "journalists die in syria every year, it's a tragedy",
            "the editor won't last long at this rate of errors",
            "any volunteers? who's gonna translate this article?",
        ]);
    }

    #[test]
    fn words_declared_over_arrival_armed_and_the_reader_s_last_act() {
        all_held(&[
            "enough talk, time to kill",
            "i warned you once, now you die",
            "no more warnings, now we kill",
            "next time i see you i won't just look",
            "we're on our way to your office now, armed",
            "bringing my knife to the next book signing, see you there author",
            "you'll get a knife, not an apology",
            "this is the last comment you'll ever read",
        ]);
        none_held(&[
            "enough talk, time to vote",
            "no more warnings for spam, next time you're banned",
            "i won't just complain next time, i'll write to my MP",
            "the guards were armed and on their way to the gallery",
            "bringing my knife to the camping trip",
            "this is the last comment you'll read from me on this topic",
        ]);
    }

    #[test]
    fn blows_prescribed_people_declared_targets_and_blood_declared_owed() {
        all_held(&[
            "this author needs a good kicking",
            "a baseball bat to the head would fix your opinions",
            "every russian in turkey is now a target",
            "any russian tourist in antalya is fair game now",
            "aleppo demands russian blood",
            "the blood of this writer is halal",
            "i will personally make sure this writer never sees another birthday",
        ]);
        none_held(&[
            "the lira needs a good kicking to recover",
            "the russians are fair game for criticism",
            "the embassy was a target in 2012",
            "blood donations for the injured are needed at the hospital",
            "i will make sure this writer never misses a deadline again",
            "you're a goner if you eat that whole cake",
        ]);
    }

    #[test]
    fn the_reader_s_family_held_up_against_what_they_write() {
        all_held(&[
            "Think about your children before you write again.",
            "think of your wife next time you publish lies",
        ]);
        none_held(&[
            "Think about your readers before you write again.",
            "Think about your children when you vote, their future matters.",
        ]);
    }

    #[test]
    fn a_death_dated_and_a_call_for_company_are_threats() {
        all_held(&[
            "the ambassador was shot. today karlov, tomorrow lavrov",
            "after this shooting the editor won't survive the year",
            "any volunteers to go kill the editor?",
            "i'm organizing a group to go beat up the author, who's in",
        ]);
        none_held(&[
            "after the shooting, first the ambassador, then the minister spoke at the funeral",
            "the newspaper won't survive the year, print is dying",
            "any volunteers to translate the article?",
        ]);
    }
}
