//! Threats against a people, a religion or a kind of person in forms the verb-led rules do not
//! read: a world said to be better once they are dead ("the world would be a better place if
//! ... were all dead"), a "solution" or "answer" for them that is a killing ("the final solution
//! for ... is extermination", "the only answer to the ... problem is to wipe them out"), no place
//! left for them among the living, a death "too good" for them, a life they do not deserve to
//! breathe, and a group foretold to be "the first to hang" when the writer's side takes power.
//!
//! And two things that keep such words fine: someone else's opinion reported with "say"
//! ("it is horrifying that anyone would say ... should be killed") and vermin, weeds and pests,
//! which may be exterminated.
use super::forms::WEAPON;
use super::{Text, Threats};

/// Nouns of killing that a "solution" for a group may be.
const KILLING: &[&str] = &[
    "extermination",
    "genocide",
    "death",
    "deaths",
    "execution",
    "executions",
    "annihilation",
    "eradication",
    "elimination",
    "liquidation",
    "massacre",
    "slaughter",
    "bullet",
    "bullets",
    "rope",
    "noose",
    "gallows",
    "holocaust",
    "pogrom",
    "gas",
    "hanging",
    "hangings",
    "lynching",
    "murder",
    "killing",
    "bombs",
    "bomb",
    "napalm",
    "nuke",
    "nukes",
];

/// Words for what a group is said to be a problem or question that a solution is for.
const SOLUTION: &[&str] = &["solution", "answer", "cure", "remedy", "fix", "response"];

/// Words for a course of action that may be a killing: "the right thing to do is to execute ...".
const COURSE: &[&str] = &["thing", "option", "move", "plan", "idea", "way", "step", "policy", "choice"];

/// Verbs of a weapon made ready.
const READYING: &[&str] = &[
    "sharpening",
    "sharpened",
    "loading",
    "loaded",
    "oiling",
    "oiled",
    "cleaning",
    "cleaned",
    "ready",
    "readying",
    "waiting",
    "saving",
    "tying",
    "tied",
];

/// Pests, weeds, pets and statues, which may be exterminated or put down: not people. Words that
/// are often said of people to call them less than human ("animals", "vermin", "rats") are not here.
const PEST: &[&str] = &[
    "weeds",
    "weed",
    "pests",
    "pest",
    "cockroaches",
    "cockroach",
    "roaches",
    "mice",
    "insects",
    "bugs",
    "termites",
    "ants",
    "wasps",
    "slugs",
    "snails",
    "mosquitoes",
    "mosquitos",
    "moles",
    "fleas",
    "lice",
    "ticks",
    "bedbugs",
    "aphids",
    "mould",
    "mold",
    "fungus",
    "bacteria",
    "germs",
    "virus",
    "viruses",
    "weevils",
    "moths",
    "flies",
    "invasive",
    "species",
    "pigeons",
    "squirrels",
    "foxes",
    "rabbits",
    "dog",
    "dogs",
    "cat",
    "cats",
    "horse",
    "horses",
    "pet",
    "pets",
    "statue",
    "statues",
    "monument",
    "monuments",
];

/// Things a quantifier may stand before ahead of people: "all the photos of journalists".
#[rustfmt::skip]
const THINGS: &[&str] = &[
    "photos", "photo", "pictures", "picture", "posters", "poster", "portraits", "portrait", "paintings", "painting",
    "names", "statues", "flags", "videos", "books", "articles", "laundry", "clothes", "lights", "signs", "banners",
];

/// Words that make "shoot" a camera's: "shoot every journalist for my portrait series".
const CAMERA: &[&str] = &[
    "camera",
    "cameras",
    "photographer",
    "photographers",
    "photo",
    "photos",
    "photograph",
    "photographs",
    "portrait",
    "portraits",
    "photoshoot",
    "lens",
    "documentary",
    "footage",
    "video",
    "selfie",
    "selfies",
    "headshots",
    "model",
    "models",
    "studio",
];

/// Wishes and wants of the writer's: "I want every ... in this country dead".
const WANT: &[&str] = &["want", "wants", "hope", "wish", "pray", "need"];

/// Things to hurt someone with, asked for with time alone with them.
const TOOL: &[&str] = &[
    "gun", "knife", "bat", "rifle", "machete", "axe", "rope", "hammer", "crowbar", "shotgun", "pistol", "chainsaw",
    "blade", "sword", "pipe", "brick",
];

/// Words that report what someone else says or suggests: a clause after them is their opinion.
const SAY: &[&str] = &["say", "says", "saying", "suggest", "suggests", "suggesting", "argue", "argues", "arguing"];

impl Threats {
    /// The forms of this module, for the clause that starts at `start`.
    pub(super) fn group_at(&self, x: &Text<'_>, start: usize, out: &mut Vec<(usize, usize)>) {
        let end = x.end_of(start);
        if end <= start + 2 || x.question[x.clause[start]] {
            return;
        }
        // "The final solution for ..." is no contest.
        if (start..end)
            .any(|k| self.court_at(x, k) || self.contest_at(x, k) && !(x.is(k, &["final"]) && x.is(k + 1, SOLUTION)))
        {
            return;
        }
        let person = |k: usize| self.person_at(x, k) && !x.is(k, &["me", "us", "myself", "i", "we", "you", "u"]);
        let target = |k: usize| person(k) || x.is(k, &["they", "them"]);
        // A past tense makes it history: "the final solution was ...".
        if (start..end).any(|k| x.is(k, &["was", "had", "nazis", "hitler", "history", "historians"])) {
            // "... if every trans person was dead": the counterfactual keeps "was".
            if !(start..end).any(|k| x.is(k, &["if", "when", "once"])) {
                return;
            }
        }
        // "The world would be a better place if ... were all dead", "this country would be so
        // much better off once every ... is shot".
        if let Some(b) = (start..end).find(|&k| x.is(k, &["better", "safer", "nicer", "happier", "cleaner", "best"]))
            && let Some(c) = (b + 1..(b + 5).min(end)).find(|&k| x.is(k, &["if", "when", "once", "after"]))
            && let Some(d) = (c + 2..(c + 10).min(end)).find(|&k| {
                x.is(k, &["dead", "killed", "exterminated", "extinct", "wiped", "executed", "gassed", "hanged", "shot"])
                    || self.done_at(x, k) && !x.is(k, &["beaten", "crushed", "smashed"])
            })
            // The last word naming them: "if every trans person was dead".
            && let Some(p) = (c + 1..d).rev().find(|&k| person(k))
            && (p + 1..d).all(|k| {
                x.is(
                    k,
                    &["were", "was", "are", "is", "all", "got", "get", "just", "simply", "dropped", "fell", "s", "re"],
                )
            })
            && !self.negated(x, start, d)
        {
            out.push((b, d));
            return;
        }
        // "The final solution for ... is extermination", "the only answer to the ... problem is
        // to wipe them out", "the cure for feminists is a bullet".
        if let Some(s) = (start..end).find(|&k| x.is(k, SOLUTION))
            && let Some(f) = (s + 1..(s + 3).min(end)).find(|&k| x.is(k, &["for", "to"]))
            && (f + 1..(f + 5).min(end)).any(target)
            && let Some(is) = (f + 2..(f + 7).min(end)).find(|&k| x.is(k, &["is", "s"]))
            && !self.negated(x, start, end)
        {
            let killing = (is + 1..(is + 5).min(end)).find(|&k| x.is(k, KILLING) && !x.is(k.wrapping_sub(1), &["no"]));
            let verb = (is + 1..(is + 4).min(end)).find(|&k| x.is(k.wrapping_sub(1), &["to"]) && self.violent_at(x, k));
            if let Some(k) = killing.or(verb) {
                out.push((s, k));
                return;
            }
        }
        // "... have no place among the living", "... do not belong in the land of the living".
        if let Some(l) = (start..end).find(|&k| x.is(k, &["living"]) && x.is(k.wrapping_sub(1), &["the"]))
            && x.is(l.wrapping_sub(2), &["among", "amongst", "of"])
            && (start..l).any(target)
            && (start..l).any(|k| self.negation.has(x.t[k]))
            && (start..l).any(|k| x.is(k, &["place", "belong", "belongs", "room", "right", "deserve", "deserves"]))
        {
            out.push((start, l));
            return;
        }
        // "A bullet to the head is too good for these ...", "hanging is too good for them".
        if let Some(g) =
            (start..end).find(|&k| x.is(k, &["good", "quick", "kind", "merciful"]) && x.is(k.wrapping_sub(1), &["too"]))
            && (start..g).any(|k| x.is(k, KILLING))
            && x.is(g + 1, &["for"])
            && (g + 2..(g + 5).min(end)).any(target)
        {
            out.push((start, (g + 4).min(end - 1)));
            return;
        }
        // "The right thing to do is to execute every ...", "the best option is to gas them all".
        if let Some(c) = (start..end).find(|&k| x.is(k, COURSE))
            && !x.is(c.wrapping_sub(1), &["his", "her", "their", "its"])
            && let Some(is) = (c + 1..(c + 5).min(end)).find(|&k| x.is(k, &["is", "s"]))
            && let Some(v) = (is + 1..(is + 4).min(end)).find(|&k| self.violent_at(x, k))
            && (is + 1..v).all(|k| x.is(k, &["to", "just", "simply", "finally"]))
            && let Some(t) = self.target_after(x, v)
            && (v..=t).any(|k| person(k) || x.is(k, &["them"]))
            && !self.negated(x, start, v)
        {
            out.push((c, t));
            return;
        }
        // "I'm sharpening my machete for the first immigrant who crosses my path", "our rifles are
        // loaded for the journalists".
        if let Some(w) = (start..end).find(|&k| x.is(k, WEAPON) && x.is(k.wrapping_sub(1), &["my", "our", "the"]))
            && (start..end).any(|k| x.is(k, READYING))
            && (start..w).any(|k| x.is(k, &["i", "im", "ive", "we", "were", "weve", "my", "our"]))
            && let Some(f) = (w + 1..end).find(|&k| x.is(k, &["for"]))
            && let Some(p) = (f + 1..(f + 5).min(end)).find(|&k| person(k))
            && !(start..end).any(|k| x.is(k, &["deer", "season", "hunting", "range", "duck", "target", "practice"]))
            && !self.negated(x, start, end)
        {
            out.push((w, p));
            return;
        }
        // "Muslims will burn, every single one", "these immigrants will bleed for what they did".
        if let Some(v) = (start..end).find(|&k| x.is(k, &["burn", "bleed", "hang", "swing", "die", "perish"]))
            && x.is(v.wrapping_sub(1), &["will", "ll", "shall", "gonna"])
            && (start..v).any(|k| person(k) && !x.is(k, &["they", "them", "he", "she", "him", "her"]))
            && !(start..v).any(|k| {
                x.is(k, &["many", "thousands", "millions", "hundreds", "some", "more", "most", "if", "unless", "when"])
            })
            && (v + 1 == end
                || x.comma[v + 1] && (v + 1..end).any(|k| x.is(k, &["every", "all", "each", "one", "soon", "mark"]))
                || x.is(v + 1, &["for"]) && x.is(v + 2, &["what", "this", "that", "it"]))
            && !(v + 1..end).any(|k| x.is(k, &["hell", "if", "unless", "without", "unless"]))
            && !(x.is(v, &["die"]) && v + 1 == end)
        {
            out.push((start, v));
            return;
        }
        // "I want every ... in this country dead", "I hope every ... in this city gets shot": the
        // person named with a place, then the doom.
        if let Some(w) = (start..end).find(|&k| x.is(k, WANT))
            && (start..w).any(|k| x.is(k, &["i", "we", "id", "im", "ill"]))
            && let Some(p) = (w + 1..(w + 4).min(end)).find(|&k| person(k))
            && let Some(q) = (p..(p + 4).min(end)).find(|&k| x.is(k, &["in", "of", "from", "across", "around", "at"]))
            && let Some(d) = (q + 1..(q + 8).min(end)).find(|&k| {
                x.is(k, &["dead", "die", "drown", "burn", "blown"]) || self.done_at(x, k) && !x.is(k, &["beaten"])
            })
            && !(q + 1..d).any(|k| x.is(k, &["safe", "win", "wins", "home", "by", "to"]))
            && !x.is(d + 1, &["by", "in", "of", "from"])
            && !self.negated(x, start, d)
        {
            out.push((w, d));
            return;
        }
        // "Give me a gun and ten minutes with those ...", "leave me alone in a room with a ... and
        // a bat".
        if let Some(m) = (start..end)
            .find(|&k| x.is(k, &["me", "us"]) && x.is(k.wrapping_sub(1), &["give", "leave", "lock", "put", "gimme"]))
            && let Some(w) = (m + 1..end).find(|&k| x.is(k, &["with"]))
            && (w + 1..(w + 5).min(end)).any(person)
            && (m + 1..end).any(|k| x.is(k, TOOL))
            && !self.negated(x, start, end)
        {
            out.push((m.saturating_sub(1), end - 1));
            return;
        }
        // "Let's make the Jews extinct", "we should make every ... extinct".
        if let Some(m) = (start..end).find(|&k| x.is(k, &["make", "render"]))
            && (start..m).any(|k| {
                x.is(k, &["lets", "should", "must", "will", "ll", "gonna", "need", "shall"])
                    || x.is(k, &["us"]) && x.is(k.wrapping_sub(1), &["let"])
            })
            && let Some(e) = (m + 2..(m + 6).min(end)).find(|&k| x.is(k, &["extinct"]))
            && (m + 1..e).any(person)
            && !self.negated(x, start, e)
        {
            out.push((m, e));
            return;
        }
        // "... don't deserve to breathe", "... should not be allowed to draw breath".
        if let Some(b) = (start..end).find(|&k| x.is(k, &["breathe", "breath", "exist"]))
            && x.is(b.wrapping_sub(1), &["to", "draw"])
            && (start..b).any(|k| x.is(k, &["deserve", "deserves", "allowed", "let"]))
            && (start..b).any(|k| self.negation.has(x.t[k]))
            && !(b > start + 1 && x.is(b, &["exist"]))
            && let Some(p) = (start..b).find(|&k| person(k))
        {
            out.push((p, b));
            return;
        }
        // "... will be the first to hang when we take power".
        if let Some(f) = (start..end).find(|&k| x.is(k, &["first", "next"]) && x.is(k + 1, &["to", "ones"]))
            && (start..f).any(|k| x.is(k, &["will", "ll", "shall"]))
            && (start..f).any(person)
            && let Some(d) = (f + 1..(f + 5).min(end)).find(|&k| {
                x.is(k, &["hang", "die", "swing", "burn", "hanged", "shot", "executed", "killed", "against", "wall"])
            })
            && (d + 1..end).any(|k| x.is(k, &["we", "our", "revolution", "uprising", "day"]))
            && !self.negated(x, start, d)
        {
            out.push((f, d));
        }
    }

    /// Whether the match at token `a` is someone else's opinion, reported: "it is horrifying that
    /// anyone would say ... should be killed", "people who say ... should die are sick"; not "I
    /// say we drown them all".
    pub(super) fn hearsay(&self, x: &Text<'_>, a: usize, b: usize) -> bool {
        (x.start_of(a)..b.max(a)).any(|k| {
            if !x.is(k, SAY) {
                return false;
            }
            let mut s = k;
            while s > x.start_of(a)
                && x.is(s - 1, &["would", "could", "might", "can", "dare", "even", "still", "often"])
            {
                s -= 1;
            }
            // Someone else is the one saying it; "I'm just saying", "all I say is" are the writer's.
            let teller = x.is(
                s.wrapping_sub(1),
                &[
                    "anyone",
                    "anybody",
                    "someone",
                    "somebody",
                    "people",
                    "they",
                    "he",
                    "she",
                    "others",
                    "many",
                    "some",
                    "uncle",
                    "aunt",
                    "dad",
                    "father",
                    "mother",
                    "mom",
                    "mum",
                    "friend",
                    "friends",
                    "cousin",
                    "grandpa",
                    "grandma",
                    "grandfather",
                    "grandmother",
                    "colleague",
                    "colleagues",
                    "coworker",
                    "neighbour",
                    "neighbor",
                    "boss",
                    "brother",
                    "sister",
                    "husband",
                    "wife",
                    "guy",
                    "bloke",
                    "stop",
                    "quit",
                ],
            ) || s > 0
                && self.person_at(x, s - 1)
                && !x.is(s - 1, &["i", "me", "we", "us", "you", "u", "all", "who", "whoever", "that"]);
            // "people who say ... should die": the people said to deserve it come after "say".
            let relative = x.is(s.wrapping_sub(1), &["who", "that"])
                && (k + 1..(k + 4).min(x.end_of(k)))
                    .any(|j| self.person_at(x, j) && !x.is(j, &["that", "this", "those", "these"]));
            s > x.start_of(a) && (teller || relative)
        })
    }

    /// Whether a match is about a camera's shots: every verb of violence in it is "shoot" and its
    /// clause speaks of cameras, portraits or footage.
    pub(super) fn photographed(&self, x: &Text<'_>, a: usize, b: usize) -> bool {
        let (s, e) = (x.start_of(a), x.end_of(b.max(a)));
        let shoot = |k: usize| self.violent_verb(x.t[k]) == Some("shoot") || x.is(k, &["shot", "shots"]);
        let other = |k: usize| !shoot(k) && (self.violent_verb(x.t[k]).is_some() || self.done_at(x, k));
        // The camera stands outside the match: "I'll shoot every photographer" aims at people.
        (s..a).chain(b.max(a) + 1..e).any(|k| x.is(k, CAMERA)) && (a..=b.max(a)).any(shoot) && !(s..e).any(other)
    }

    /// Whether token `j` is a thing that people may be named after: "photos of journalists".
    pub(super) fn things_at(&self, x: &Text<'_>, j: usize) -> bool {
        x.is(j, THINGS)
    }

    /// Whether a passive's subject is pests or weeds and names no person: "those cockroaches in
    /// my kitchen should be exterminated", not "these Muslim rats should be exterminated".
    pub(super) fn pest_subject(&self, x: &Text<'_>, from: usize, to: usize) -> bool {
        (from..to).any(|k| x.is(k, PEST))
            && !(from..to).any(|k| self.person_at(x, k) && !x.is(k, &["those", "these", "all"]))
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{all_held, none_held};

    #[test]
    fn a_world_better_once_a_group_is_dead_is_a_threat() {
        all_held(&[
            "The world would be a better place if Muslims were all dead.",
            "Society would be better off if immigrants were all shot.",
            "This country would be so much better if every trans person was dead.",
        ]);
        none_held(&[
            "The world would be a better place if everyone just got along.",
            "My garden would be a better place if the slugs were all dead.",
            "Life would be better if journalists were paid properly.",
        ]);
    }

    #[test]
    fn a_solution_for_a_group_that_is_a_killing_is_a_threat() {
        all_held(&[
            "The final solution for Muslims is extermination.",
            "The only answer to the Russian problem is to wipe them out.",
            "The solution for journalists is a bullet.",
            "The cure for immigrants is a rope.",
        ]);
        none_held(&[
            "The final solution was the Nazi plan to exterminate the Jews.",
            "The only answer to the housing problem is to build more.",
            "The solution for this bug is a patch.",
            "The answer to the refugees is a fair asylum system.",
        ]);
    }

    #[test]
    fn no_place_among_the_living_no_breath_and_too_good_a_death_are_threats() {
        all_held(&[
            "Muslims have no place among the living.",
            "Women like her don't deserve to breathe.",
            "A bullet to the head is too good for these immigrants.",
            "Hanging is too good for journalists.",
        ]);
        none_held(&[
            "Muslims have a place among us, like everyone else.",
            "Women deserve to breathe clean air.",
            "This cake is too good for words.",
            "The ghosts have no place among the living, says the novel.",
        ]);
    }

    #[test]
    fn a_group_foretold_to_hang_first_when_the_writer_s_side_rules_is_a_threat() {
        all_held(&["Journalists will be the first to hang when we take power."]);
        none_held(&[
            "Journalists will be the first to know when we launch.",
            "The poor will be the first to suffer from the cuts.",
        ]);
    }

    #[test]
    fn verbs_of_violence_against_groups_in_more_shapes() {
        all_held(&[
            "I'm gonna run over the next Muslim I see.",
            "I'm going to run over any journalist I see at the protest.",
            "It is time we started shooting immigrants at the border.",
            "Let's go hunting for immigrants tonight.",
            "If I see a trans person in my street I will beat them to death.",
            "I'll make sure every feminist ends up in a ditch.",
        ]);
        none_held(&[
            "I'm going to run over to the shop, need anything?",
            "I'm gonna run over the numbers again before the meeting.",
            "It is time we started talking to immigrants.",
            "Let's go hunting for bargains tonight.",
            "We beat them in the final, 3-1.",
            "I'll make sure every feminist ends up in the newsletter.",
        ]);
    }

    #[test]
    fn someone_else_s_words_reported_with_say_and_pests_are_not_threats() {
        none_held(&[
            "It is horrifying that anyone would say Muslims should be killed.",
            "People who say immigrants should be shot are monsters.",
            "My uncle says all Muslims should be killed and I am ashamed of him.",
            "Some politicians say journalists should be hanged, which is disgusting.",
            "They say trans people should die, and we say no.",
            "Those cockroaches in my kitchen should be exterminated.",
            "The weeds in the garden should be wiped out.",
        ]);
        all_held(&[
            "I'm just saying, Muslims should all be shot.",
            "I dare say all Russians deserve a bullet.",
            "I say we drown every migrant we see.",
            "Muslims are cockroaches and should be exterminated.",
            "Anyone who says that should be shot.",
        ]);
    }

    #[test]
    fn a_killing_as_the_right_course_a_weapon_readied_for_a_group_and_a_group_s_doom() {
        all_held(&[
            "I believe the right thing to do is to execute every migrant.",
            "The best option is to gas them all, these refugees.",
            "I'm sharpening my machete for the first immigrant who crosses my path.",
            "Muslims will burn, every single one.",
            "These immigrants will bleed for what they did.",
        ]);
        none_held(&[
            "The right thing to do is to kill the lights and sleep.",
            "His plan is to kill every Russian, the police say.",
            "The refugees will die if we don't send help.",
            "Many immigrants will die crossing the sea this winter.",
            "Sinners will burn in hell, the preacher said.",
            "I'm sharpening my knife for the Sunday roast.",
            "We loaded our rifles for the deer season.",
            "The candles will burn, every single one, until midnight.",
        ]);
    }

    #[test]
    fn more_places_of_death_and_ways_of_killing_in_the_passive_and_commands() {
        all_held(&[
            "In my view, every last Jew should be put in an oven.",
            "If you ask me, gay men should be thrown into the sea.",
            "I think we should set every mosque in this country on fire with the worshippers inside.",
            "Immigrants keep coming, so I'm going to start picking them off one by one.",
        ]);
        none_held(&[
            "The old rope should be thrown into the river.",
            "Set the alarm, then the fire drill starts.",
            "Pick off the dead leaves every morning.",
            "I'll pick them off at the airport at six.",
            "I'm going to set the table on fire with my cooking skills, haha.",
        ]);
    }

    #[test]
    fn misspelt_participles_and_more_ways_of_killing_in_the_passive() {
        all_held(&[
            "Imigrants should be shoot on sight.",
            "I reckon all disabled people should be euthanised.",
            "Migrants should be left to drown, or better, sunk by our navy.",
            "You know what I'd do to refugees? Put them all in front of a firing squad.",
            "Those animals should be gassed.",
        ]);
        none_held(&[
            "My dog needs to be put down, the vet says.",
            "Statues of slave traders should be put down and melted.",
            "The project should be shoot-ready by Monday, it is time.",
        ]);
    }

    #[test]
    fn things_before_people_and_a_threat_quoted_to_reject_it_are_not_threats() {
        none_held(&[
            "Why don't we just hang all the photos of journalists in the hall?",
            "Stop saying Muslims should be shot, it is disgusting.",
        ]);
        all_held(&["Why don't we just hang all the journalists?", "Stop whining, Muslims should be shot."]);
    }

    #[test]
    fn wishes_with_a_place_gladness_and_time_alone_with_a_weapon_are_threats() {
        all_held(&[
            "I want every Muslim in this country dead.",
            "I hope every journalist in this city gets shot.",
            "Nothing would make me happier than seeing trans people executed.",
            "It would make my day to see a journalist shot.",
            "Give me a gun and ten minutes with those refugees.",
            "Leave me alone in a room with a trans person and a baseball bat.",
        ]);
        none_held(&[
            "I want every Muslim in this country to feel safe.",
            "I pray every refugee in the camps is fed by Christmas.",
            "Nothing would make me happier than seeing journalists win awards.",
            "It would make my day to see the refugees settled in.",
            "Give me a pen and ten minutes with those refugees and I'll fix their forms.",
            "Give me a knife and ten minutes with this turkey.",
        ]);
    }

    #[test]
    fn a_camera_s_shots_and_a_name_wiped_off_a_list_are_not_threats() {
        none_held(&[
            "If I had a camera I'd shoot every journalist in that room for my portrait series.",
            "I hope every journalist in this city gets shot at the awards by our photographers.",
            "Russia should be wiped off the list of host countries.",
        ]);
        all_held(&["Russians should be wiped off the map.", "If I had a gun I'd shoot every journalist in that room."]);
    }

    #[test]
    fn more_targets_and_a_people_made_extinct() {
        all_held(&[
            "Let's make the Jews extinct.",
            "We should drown the asylum seekers like kittens.",
            "Polish workers should be thrown out of windows.",
            "Throw the journalists out of the windows.",
        ]);
        none_held(&[
            "Let's make the dodo jokes extinct.",
            "We should help the asylum seekers find housing.",
            "Old computers should be thrown out of the office windows.",
        ]);
    }
}
