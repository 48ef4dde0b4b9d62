//! One sentence for each pattern the suggester must get right or must leave alone (issue 24),
//! with the attribution written by hand from ATTRIBUTION-GUIDE.md — not produced by the code.
//!
//! A positive case lists the content fragments, the cue and the source as words of the
//! sentence; it passes when a suggestion (any confidence) matches it by the guide's measure and
//! its source span overlaps the one written here (or both have none). A negative case lists words
//! that must not be part of any suggestion's cue.

use claimtrace::suggest::measure::{Attr, matching, visible_prefix};
use claimtrace::suggest::{self, Knowledge, Suggestion};
use std::ops::Range;

/// The char range of `needle` in `text` (its first occurrence).
fn span(text: &str, needle: &str) -> Range<usize> {
    let b = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not in {text:?}"));
    let s = text[..b].chars().count();
    s..s + needle.chars().count()
}

struct Case {
    text: &'static str,
    content: &'static [&'static str],
    cue: &'static str,
    source: Option<&'static str>,
}

const fn case(
    text: &'static str,
    content: &'static [&'static str],
    cue: &'static str,
    source: Option<&'static str>,
) -> Case {
    Case {
        text,
        content,
        cue,
        source,
    }
}

const CASES: &[Case] = &[
    // More light verbs and stance nouns: "registered his concerns over", "raised questions
    // about".
    case(
        "Vindman had registered his concerns over the policy.",
        &["the policy"],
        "had registered his concerns",
        Some("Vindman"),
    ),
    case(
        "He raised questions about the judgment of another witness.",
        &["the judgment of another witness"],
        "raised questions",
        Some("He"),
    ),
    // "… and say that …": a coordinated ambiguous form before "that", its subject the first
    // verb's.
    case(
        "Residents have complained of poor communications and say that the outages were too broad.",
        &["the outages were too broad"],
        "say",
        Some("Residents"),
    ),
    // A progressive is no passive.
    case(
        "Consumer advocates are urging the commission to set backup power rules.",
        &["the commission to set backup power rules"],
        "are urging",
        Some("Consumer advocates"),
    ),
    // A present form the tagger may read as a plural, after a subject and before "that".
    case(
        "The church estimates that the number is closer to 40,000.",
        &["the number is closer to 40,000"],
        "estimates",
        Some("The church"),
    ),
    // An admission: "admitted to" a deed, "pleaded guilty to" a charge.
    case(
        "One poster admitted to being part of the attack.",
        &["being part of the attack"],
        "admitted",
        Some("One poster"),
    ),
    case(
        "He pleaded guilty to threatening to kill the congresswoman.",
        &["threatening to kill the congresswoman"],
        "pleaded guilty to",
        Some("He"),
    ),
    // A participle's subject is the main clause's, not the nearest verb's.
    case(
        "The mayor cited the delays as proof that the firm had failed, saying the city could not wait.",
        &["the city could not wait"],
        "saying",
        Some("The mayor"),
    ),
    // Round 26: an object verb with "as" after its object; a passive with "as".
    case(
        "Noem cited the backlash as proof that the campaign was working.",
        &["the backlash as proof that the campaign was working"],
        "cited",
        Some("Noem"),
    ),
    case(
        "The country has been hailed as a model of democratic transition.",
        &["The country", "as a model of democratic transition"],
        "has been hailed",
        None,
    ),
    case(
        "The World Health Organisation recommends that every country should iodise salt.",
        &["every country should iodise salt"],
        "recommends",
        Some("The World Health Organisation"),
    ),
    // Round 26: "is expected to" has no source; its content is the subject and the infinitive.
    case(
        "The minister is expected to resign within days.",
        &["The minister", "to resign within days"],
        "is expected",
        None,
    ),
    // A clitic is the clause's verb; a first-person belief may follow its clause.
    case(
        "I think it’s a combination of luck and patience.",
        &["it’s a combination of luck and patience"],
        "think",
        Some("I"),
    ),
    case(
        "That was the best year of my life I think.",
        &["That was the best year of my life"],
        "think",
        Some("I"),
    ),
    // A named audience between the cue and "that".
    case(
        "Her lawyer said in an email to The Associated Press that the charges were false.",
        &["the charges were false"],
        "said in an email",
        Some("Her lawyer"),
    ),
    // Round 26: a judgement with "as", active and passive.
    case(
        "Mr. Trump saw the request as tantamount to an investigation of his rival.",
        &["the request as tantamount to an investigation of his rival"],
        "saw",
        Some("Mr. Trump"),
    ),
    case(
        "Settlements are widely seen as one of the hardest issues in the talks.",
        &["Settlements", "as one of the hardest issues in the talks"],
        "are widely seen",
        None,
    ),
    case(
        "He is viewed as a potential successor to the chief executive.",
        &["He", "as a potential successor to the chief executive"],
        "is viewed",
        None,
    ),
    // A naming in quotation marks.
    case(
        "The league called it an “extremely adverse development”.",
        &["it an “extremely adverse development”"],
        "called",
        Some("The league"),
    ),
    // A participle of saying with a bare clause, its subject before the comma.
    case(
        "He has always denied the allegations, saying the sex was consensual.",
        &["the sex was consensual"],
        "saying",
        Some("He"),
    ),
    // A bare present "say" after a plural, in inverted position after the content.
    case(
        "The economy is slowing down, economists say.",
        &["The economy is slowing down"],
        "say",
        Some("economists"),
    ),
    // A phrase between commas before "that".
    case(
        "The president has claimed, without evidence, that the vote was rigged.",
        &["the vote was rigged"],
        "has claimed",
        Some("The president"),
    ),
    // A participle of saying before a quotation; "quoted as saying".
    case(
        "Santorum criticized the press, saying, “It's offensive beyond anything.”",
        &["“It's offensive beyond anything.”"],
        "saying",
        Some("Santorum"),
    ),
    case(
        "The minister was quoted as saying the plan was dead.",
        &["the plan was dead"],
        "was quoted as saying",
        Some("The minister"),
    ),
    // A quotation of the sentence before is not the content when one follows the cue.
    case(
        "“It is over,” Smith said. Jones replied, “It has just begun.”",
        &["“It has just begun.”"],
        "replied",
        Some("Jones"),
    ),
    // Verbs of several words.
    case(
        "The governor made it clear that he would not resign.",
        &["he would not resign"],
        "made it clear",
        Some("The governor"),
    ),
    case(
        "Her mother had spoken out against the church for years.",
        &["the church for years"],
        "had spoken out against",
        Some("Her mother"),
    ),
    case(
        "Trump lashed out at the judge on Twitter.",
        &["the judge"],
        "lashed out at",
        Some("Trump"),
    ),
    // A multiword audience; an adverb before "that"; a participle of saying after the content.
    case(
        "Cruz told The New York Times in an interview that he was not worried.",
        &["he was not worried"],
        "told",
        Some("Cruz"),
    ),
    case(
        "Trump has said repeatedly that the wall will be built.",
        &["the wall will be built"],
        "has said",
        Some("Trump"),
    ),
    // A light verb and a stance noun.
    case(
        "The chief executive expressed confidence that the merger would close.",
        &["the merger would close"],
        "expressed confidence",
        Some("The chief executive"),
    ),
    case(
        "Several senators have voiced strong opposition to the plan.",
        &["the plan"],
        "voiced strong opposition",
        Some("Several senators"),
    ),
    case(
        "The offer raised hopes that a deal was near.",
        &["a deal was near"],
        "raised hopes",
        None,
    ),
    // A cue noun inside the verb's cue phrase, a hyphenated one too.
    case(
        "The senator wrote in an op-ed that the bill was deeply flawed.",
        &["the bill was deeply flawed"],
        "wrote in an op-ed",
        Some("The senator"),
    ),
    // A reporting verb whose content follows a preposition.
    case(
        "Officials warned of a possible attack on the capital.",
        &["a possible attack on the capital"],
        "warned",
        Some("Officials"),
    ),
    case(
        "Residents complained about the noise from the new plant.",
        &["the noise from the new plant"],
        "complained",
        Some("Residents"),
    ),
    // A parenthetical cue after a short first part: one attribution, two fragments.
    case(
        "The economy, she said, is strong enough to grow.",
        &["The economy", "is strong enough to grow"],
        "said",
        Some("she"),
    ),
    case(
        "Prices, the minister said, would fall by June.",
        &["Prices", "would fall by June"],
        "said",
        Some("the minister"),
    ),
    // A verb no lexicon lists, with a that-clause.
    case(
        "Researchers discovered that the drug works in mice.",
        &["the drug works in mice"],
        "discovered",
        Some("Researchers"),
    ),
    case(
        "The appeals judges held that the contract was void.",
        &["the contract was void"],
        "held",
        Some("The appeals judges"),
    ),
    // Bare present "say", "think", "show" with a subject and a clause.
    case(
        "Officials say rates will rise.",
        &["rates will rise"],
        "say",
        Some("Officials"),
    ),
    case(
        "Analysts at the bank think the merger will fail.",
        &["the merger will fail"],
        "think",
        Some("Analysts at the bank"),
    ),
    case(
        "Recent polls show the race is tight.",
        &["the race is tight"],
        "show",
        Some("Recent polls"),
    ),
    case(
        "The report states that turnout rose.",
        &["turnout rose"],
        "states",
        Some("The report"),
    ),
    // Quotation before, with a longer subject or "another".
    case(
        "\u{201C}We will win,\u{201D} a spokesman for Disney said.",
        &["\u{201C}We will win,\u{201D}"],
        "said",
        Some("a spokesman for Disney"),
    ),
    case(
        "\u{201C}It is too early to tell,\u{201D} said another.",
        &["\u{201C}It is too early to tell,\u{201D}"],
        "said",
        Some("another"),
    ),
    // Coordination: "…, but believes …" has the first verb's subject.
    case(
        "Smith said the plan was sound, but believes the timing is wrong.",
        &["the plan was sound"],
        "said",
        Some("Smith"),
    ),
    case(
        "Smith said the plan was sound, but believes the timing is wrong.",
        &["the timing is wrong"],
        "believes",
        Some("Smith"),
    ),
    // Parenthetical "it said,": one attribution, two fragments.
    case(
        "The economy of the region, it said, will grow by 3 percent next year.",
        &[
            "The economy of the region",
            "will grow by 3 percent next year",
        ],
        "said",
        Some("it"),
    ),
    // Passive with its agent.
    case(
        "The new figures were confirmed by strategists at the bank.",
        &["The new figures"],
        "confirmed",
        Some("strategists at the bank"),
    ),
    // Intention verb with "to".
    case(
        "The senator vowed to block the nomination.",
        &["to block the nomination"],
        "vowed",
        Some("The senator"),
    ),
    case(
        "The company plans to cut 500 jobs by March.",
        &["to cut 500 jobs by March"],
        "plans",
        Some("The company"),
    ),
    // A verb whose noun-phrase object is the content.
    case(
        "Several Republicans have denounced Trump's remarks.",
        &["Trump's remarks"],
        "denounced",
        Some("Several Republicans"),
    ),
    // A noun cue with a possessive and its topic.
    case(
        "Her first comments on the merger came a week later.",
        &["the merger"],
        "comments",
        Some("Her"),
    ),
    // An appositive subject stays the source; the clause after the verb is the content.
    case(
        "Smith, a spokesman for Disney, said the deal would close.",
        &["the deal would close"],
        "said",
        Some("Smith"),
    ),
    // The addressee of "told" and a place after it are not the content.
    case(
        "The governor told a crowd in Columbus that the plant would reopen.",
        &["the plant would reopen"],
        "told",
        Some("The governor"),
    ),
    case(
        "The governor told a crowd in Columbus: \u{201C}We are not done.\u{201D}",
        &["\u{201C}We are not done.\u{201D}"],
        "told",
        Some("The governor"),
    ),
    // A participle clause is its own attribution, not a second fragment of the first.
    case(
        "Prices will rise, the bank said, adding that wages would lag.",
        &["Prices will rise"],
        "said",
        Some("the bank"),
    ),
    case(
        "Prices will rise, the bank said, adding that wages would lag.",
        &["wages would lag"],
        "adding",
        Some("the bank"),
    ),
    // Verbs whose past doubles its last consonant.
    case(
        "The mayor admitted that the budget was short.",
        &["the budget was short"],
        "admitted",
        Some("The mayor"),
    ),
    // A second reporting verb of the same subject: its own attribution, its subject's source.
    case(
        "The coach said the team played badly but insisted the season was not over.",
        &["the team played badly"],
        "said",
        Some("The coach"),
    ),
    case(
        "The coach said the team played badly but insisted the season was not over.",
        &["the season was not over"],
        "insisted",
        Some("The coach"),
    ),
    // A belief inside a quotation is the quoted speaker's: a nested attribution.
    case(
        "\"I think the bridge will be finished by May,\" the engineer said.",
        &["the bridge will be finished by May"],
        "think",
        Some("I"),
    ),
    // Passives without their agent.
    case(
        "The ship is said to have sunk near the coast.",
        &["The ship", "to have sunk near the coast"],
        "is said",
        None,
    ),
    case(
        "Residents were told to leave their homes.",
        &["to leave their homes"],
        "were told",
        None,
    ),
    case(
        "No injuries were reported.",
        &["No injuries"],
        "were reported",
        None,
    ),
    // A reporting adverb.
    case(
        "The army reportedly shelled the town overnight.",
        &["The army", "shelled the town overnight"],
        "reportedly",
        None,
    ),
    // Belief and stance adjectives.
    case(
        "Engineers are confident that the dam will hold.",
        &["the dam will hold"],
        "are confident",
        Some("Engineers"),
    ),
    case(
        "The union was highly critical of the new contract.",
        &["the new contract"],
        "was highly critical",
        Some("The union"),
    ),
    case(
        "Doctors are worried about the rise in measles cases.",
        &["the rise in measles cases"],
        "are worried",
        Some("Doctors"),
    ),
    case(
        "She is confident the bill will pass the Senate.",
        &["the bill will pass the Senate"],
        "is confident",
        Some("She"),
    ),
    // A bare plural cue noun with a clause, no source named.
    case(
        "The blast raised fears that the ceasefire would collapse.",
        &["the ceasefire would collapse"],
        "fears",
        None,
    ),
    // An audience that is a bare plural noun.
    case(
        "The driver told police he had not seen the cyclist.",
        &["he had not seen the cyclist"],
        "told",
        Some("The driver"),
    ),
    // Inverted order before a bare plural, and a capitalised acronym as source.
    case(
        "The river will flood by Friday, say forecasters.",
        &["The river will flood by Friday"],
        "say",
        Some("forecasters"),
    ),
    case(
        "The virus is \"highly contagious\", says WHO.",
        &["\"highly contagious\""],
        "says",
        Some("WHO"),
    ),
    // Demands: "called on X to …", "called for …", also after "and".
    case(
        "The ombudsman said two people died and called on the army to withdraw.",
        &["the army to withdraw"],
        "called on",
        Some("The ombudsman"),
    ),
    case(
        "Unions have called for an inquiry into the crash.",
        &["an inquiry into the crash"],
        "called for",
        Some("Unions"),
    ),
    // A court's ruling, and a verb that characterises what it judges.
    case(
        "A court has ruled that the strike was legal.",
        &["the strike was legal"],
        "has ruled",
        Some("A court"),
    ),
    case(
        "Several reviews have characterized the drug as useless.",
        &["the drug as useless"],
        "have characterized",
        Some("Several reviews"),
    ),
    // "like she said": the source is the pronoun, not the words before "like".
    case(
        "We had met at the academy, like she said.",
        &["We had met at the academy"],
        "said",
        Some("she"),
    ),
    // Inverted order with the audience after the source.
    case(
        "\"We thank you all,\" said Bolden to the gathered crowd.",
        &["\"We thank you all,\""],
        "said",
        Some("Bolden"),
    ),
    // A parenthetical cue after a short first part.
    case(
        "Prices, said the minister, will fall next year.",
        &["Prices", "will fall next year"],
        "said",
        Some("the minister"),
    ),
];

/// Sentences and the words no suggestion's cue may touch.
const NOT_CUES: &[(&str, &[&str])] = &[
    // Nouns and participles are not verbs.
    (
        "Biden made a strong showing at the polls in states that voted early.",
        &["showing", "states"],
    ),
    (
        "The findings that emerged were mixed, and her claims were denied.",
        &["findings", "claims", "denied"],
    ),
    // Credit lines.
    ("Nelson D. Schwartz reported from New York.", &["reported"]),
    ("Jane Doe contributed reporting.", &["reporting"]),
    (
        "Jane Doe contributed reporting from London, and Sam Roe from Paris.",
        &["reporting"],
    ),
    // An audience and a topic, no content.
    (
        "The governor told a crowd in Columbus about his plans.",
        &["told"],
    ),
    // Not knowing, or asking, is no report; what a photo or a verb of writing shows is no claim.
    ("I don't know if the shop is open.", &["know"]),
    ("Photos of the scene showed damaged cars.", &["showed"]),
    ("She wrote three novels in Paris.", &["wrote"]),
    // A belief verb with a noun phrase and a coordinated verb: no clause.
    (
        "I understand the issues deeply and have workable solutions.",
        &["understand"],
    ),
    // A question asks for a belief; "you know" is a figure of speech.
    ("Do you think the plan will work?", &["think"]),
    (
        "The plan is offensive beyond, you know, anything we have seen.",
        &["know"],
    ),
    // An unlisted verb with a that-clause of purpose, or an empty subject: no claim.
    ("The team ensured that the vote was fair.", &["ensured"]),
    ("It seems that the rain stopped.", &["seems"]),
    ("I love that they kept the old name.", &["love"]),
    ("This means that prices will rise.", &["means"]),
    // Asking is no claim.
    (
        "Reporters asked him whether he would run again.",
        &["asked"],
    ),
    ("Asked about the deal, the mayor smiled.", &["Asked"]),
    // "It is certain that": no one holds the belief.
    ("It is certain that the vote will be close.", &["certain"]),
    // Round 26. A question or a modal of ability reports nothing ("could you explain", "you
    // cannot repeat"); what one explains or describes is a topic.
    (
        "Could you briefly explain what the new rules are?",
        &["explain"],
    ),
    (
        "You cannot repeat old mistakes because the world keeps changing.",
        &["repeat"],
    ),
    // A noun phrase with a relative clause or an infinitive is not a clause.
    (
        "Midway through the half the defender conceded a penalty which the referee awarded after a long review.",
        &["conceded"],
    ),
    (
        "We find a big chance to show the talent of our players.",
        &["find"],
    ),
    // A condition is a hypothetical.
    (
        "If you think the guide should be better, please help improve it.",
        &["think"],
    ),
    (
        "Even if we accept that consent can be given, the data is still shared.",
        &["accept"],
    ),
    // An assault or a grant is no stance.
    (
        "The agency's website is being attacked by hackers.",
        &["attacked"],
    ),
    (
        "The study was supported by the Gates Foundation.",
        &["supported"],
    ),
    // A participle after a caption names what is shown.
    (
        "A slice of the gel removed with a blade, showing particle tracks.",
        &["showing"],
    ),
    // A noun after "whose".
    (
        "The ministry will skip interviews for applicants whose claim acceptance rate is high.",
        &["claim"],
    ),
    // The writer addressing the reader.
    ("You'll see that the prices are close.", &["see"]),
    // "as" of time or of a list; a name, and a naming of one's own.
    ("I saw the car as I left.", &["saw"]),
    ("The team saw gains in sales as well as costs.", &["saw"]),
    (
        "Scientists found a comet called Wild 2 (pronounced “Vilt-two”) last year.",
        &["called"],
    ),
    ("It is what I call the “surveillance economy”.", &["call"]),
    // "as much as" is no judgement; an adverb is no source.
    (
        "We'll attack the magazine's coverage as much as the singer.",
        &["attack"],
    ),
    (
        "There is a launch video on the site — highly recommended.",
        &["recommended"],
    ),
    // A participle after a noun describes the speakers.
    (
        "Two people briefed on the talks said Trump has decided that the tariffs stay.",
        &["briefed"],
    ),
    (
        "The deal is not a good one for Trump, a second person briefed on the call said.",
        &["briefed"],
    ),
    // A relative clause after a noun inside a phrase: "reports" is the noun.
    (
        "From all the press reports that I have read, the government was ready.",
        &["reports"],
    ),
    // A question, a subordinate clause, "adding to" a series.
    ("What do I think? Nobody asks.", &["think"]),
    (
        "We skipped the banner this year because we didn't know.",
        &["know"],
    ),
    (
        "The state is investigating the firm, adding to a series of problems that have hurt it.",
        &["adding"],
    ),
];

/// Round 26: a fronted phrase is not the source; "according to" after "that" takes the clause
/// after it; "described X as Y" is a judgement; an adverb alone is no source.
#[test]
fn fronted_phrases_and_judgements() {
    let want = |text: &str, cue: &str, source: &str, content: &str| {
        let got = suggestions(text);
        let (c, m, t) = (span(text, cue), span(text, source), span(text, content));
        assert!(
            got.iter()
                .any(|s| s.confidence >= suggest::DEFAULT_MIN_CONFIDENCE
                    && s.cue.iter().any(|r| r.start < c.end && c.start < r.end)
                    && s.mention == vec![m.clone()]
                    && s.content.first().is_some_and(|r| r.start == t.start)),
            "{text:?}: {:?}",
            got.iter().map(|s| show(text, s)).collect::<Vec<_>>()
        );
    };
    want(
        "In those days we believed there was a difference between the parties.",
        "believed",
        "we",
        "there was",
    );
    want(
        "Ultimately the board decided that the model would not work.",
        "decided",
        "the board",
        "the model",
    );
    want(
        "Wikinews has learned that according to a posting on a forum, the site was shut down.",
        "according to",
        "a posting on a forum",
        "the site was",
    );
    // An audience of modifiers and a plural noun belongs to the cue.
    want(
        "He told Ukrainian officials that the aid was frozen.",
        "told",
        "He",
        "the aid",
    );
    want(
        "Sondland told visiting Ukraine officials they would need to deliver.",
        "told",
        "Sondland",
        "they would",
    );
    // A content ends before ", while" and a contrast with its own subject, and an object before
    // "and say that".
    let text = "China said it is committed to the formula, while the police deny accusations of brutality and say that they show restraint.";
    let (said, deny, while_) = (
        span(text, "said"),
        span(text, "deny"),
        span(text, ", while"),
    );
    let and_say = span(text, " and say");
    for s in suggestions(text) {
        let at = |c: &Range<usize>| s.cue.iter().any(|r| r.start < c.end && c.start < r.end);
        if at(&said) {
            assert!(
                s.content.iter().all(|r| r.end <= while_.start),
                "{}",
                show(text, &s)
            );
        }
        if at(&deny) {
            assert!(
                s.content.iter().all(|r| r.end <= and_say.start),
                "{}",
                show(text, &s)
            );
        }
    }
    // "people familiar with the talks", "two people briefed on the call": the whole phrase is
    // the source.
    want(
        "Two people briefed on the talks said the deal was close.",
        "said",
        "Two people briefed on the talks",
        "the deal",
    );
    want(
        "People familiar with the talks say the deal may grow.",
        "say",
        "People familiar with the talks",
        "the deal",
    );
    // An adverb before the verb belongs to the cue, not to the source.
    want(
        "The senator has always denied the allegations.",
        "denied",
        "The senator",
        "the allegations",
    );
    want(
        "The magazine described the ruling as historic.",
        "described",
        "The magazine",
        "the ruling",
    );
    // A judgement's content ends before ", and" opens another clause.
    let text = "The contract is widely seen as a test of the mayor's authority, and opposition members called it a “blank cheque”.";
    let (seen, other) = (span(text, "seen"), span(text, "opposition"));
    let got = suggestions(text);
    assert!(
        got.iter().any(|s| s
            .cue
            .iter()
            .any(|c| c.start < seen.end && seen.start < c.end)),
        "{got:?}"
    );
    for s in &got {
        if s.cue
            .iter()
            .any(|c| c.start < seen.end && seen.start < c.end)
        {
            assert!(
                s.content.iter().all(|r| r.end <= other.start),
                "{}",
                show(text, s)
            );
        }
    }
    // "They were twice denied visas": no source, and under the threshold.
    let text = "The team arrived late. They were twice denied visas to enter the country.";
    let twice = span(text, "twice");
    for s in suggestions(text) {
        assert!(
            s.confidence < suggest::DEFAULT_MIN_CONFIDENCE
                || s.mention
                    .iter()
                    .all(|r| r.end <= twice.start || r.start >= twice.end),
            "{}",
            show(text, &s)
        );
    }
}

/// Round 27: a name and its title between a quotation and the cue, present forms the tagger
/// reads as plurals, withholding, and "soon after".
#[test]
fn appositives_plurals_and_withholding() {
    let want = |text: &str, cue: &str, source: &str, content: &str| {
        let got = suggestions(text);
        let (c, m, t) = (span(text, cue), span(text, source), span(text, content));
        assert!(
            got.iter()
                .any(|s| s.confidence >= suggest::DEFAULT_MIN_CONFIDENCE
                    && s.cue.iter().any(|r| r.start < c.end && c.start < r.end)
                    && s.mention == vec![m.clone()]
                    && s.content.first() == Some(&t)),
            "{text:?}: {:?}",
            got.iter().map(|s| show(text, s)).collect::<Vec<_>>()
        );
    };
    // The quotation is the content, the name the source, whatever the marks.
    want(
        "“It was an attempt to mislead voters,’’ Will Moy, chief executive of the fact-checking group, told the BBC.",
        "told",
        "Will Moy",
        "“It was an attempt to mislead voters,’’",
    );
    want(
        "“This is how epidemics begin,\" Dr. Luz Arroyo, a member of the group, told NBC News.",
        "told",
        "Dr. Luz Arroyo",
        "“This is how epidemics begin,\"",
    );
    want(
        "“We lost,” the spokesman, who declined to be named, said.",
        "said",
        "the spokesman",
        "“We lost,”",
    );
    // "swears" after a name and before a pronoun subject is a verb.
    want(
        "Schiff swears he has no idea who the whistleblower is.",
        "swears",
        "Schiff",
        "he has no idea who the whistleblower is",
    );
    // Withholding is no denial; "soon after" says when, not what.
    for text in [
        "The administration is denying flu vaccines to immigrants in custody.",
        "The guards denied him entry to the building.",
        "Trump tweeted soon after the committee concluded its hearing.",
    ] {
        let got: Vec<_> = suggestions(text)
            .into_iter()
            .filter(|s| s.confidence >= suggest::DEFAULT_MIN_CONFIDENCE)
            .collect();
        assert!(
            got.is_empty(),
            "{text:?}: {:?}",
            got.iter().map(|s| show(text, s)).collect::<Vec<_>>()
        );
    }
    // A denial to an audience stays a denial.
    want(
        "He denied it to reporters.",
        "denied",
        "He",
        "it to reporters",
    );
    // "I'm sure …": the pronoun and "be" in one token.
    want(
        "I\u{2019}m sure they\u{2019}ve got a good plan in place.",
        "sure",
        "I",
        "they\u{2019}ve got a good plan in place",
    );
    want(
        "We're confident that the deal will close.",
        "confident",
        "We",
        "the deal will close",
    );
    // Claims of responsibility, pleas, offers and chants.
    want(
        "The Taliban claimed responsibility for shooting down the helicopter.",
        "claimed",
        "The Taliban",
        "shooting down the helicopter",
    );
    want(
        "The doctors pleaded with the administration to reconsider its decision.",
        "pleaded",
        "The doctors",
        "the administration to reconsider its decision",
    );
    want(
        "The doctors have offered to stage a clinic at no cost.",
        "offered",
        "The doctors",
        "to stage a clinic at no cost",
    );
    want(
        "Teachers chanted \u{201c}Fund our schools,\u{201d} outside.",
        "chanted",
        "Teachers",
        "\u{201c}Fund our schools,\u{201d}",
    );
    // A passive "tell": the one told is no source, the clause is the content.
    let text = "Employees were told layoffs will begin this week.";
    let got = suggestions(text);
    let (told, layoffs) = (
        span(text, "told"),
        span(text, "layoffs will begin this week"),
    );
    assert!(
        got.iter()
            .any(|s| s.confidence >= suggest::DEFAULT_MIN_CONFIDENCE
                && s.cue
                    .iter()
                    .any(|r| r.start < told.end && told.start < r.end)
                && s.mention.is_empty()
                && s.content == vec![layoffs.clone()]),
        "{:?}",
        got.iter().map(|s| show(text, s)).collect::<Vec<_>>()
    );
    // "According to X" without a comma: the name ends where the clause starts.
    want(
        "According to Rathbun the property in question was returned by mail.",
        "According to",
        "Rathbun",
        "the property in question was returned by mail",
    );
    want(
        "According to the Saudi Interior Ministry over 345 pilgrims have been killed.",
        "According to",
        "the Saudi Interior Ministry",
        "over 345 pilgrims have been killed",
    );
    // No one holds it; the truth told is no report; "considering" is a preposition.
    for text in [
        "No one knows how much disruption the streaming wars will have.",
        "Whether the president tells the truth creates problems for the media.",
        "Considering it\u{2019}s in the ballpark, the street value can fluctuate.",
    ] {
        let got: Vec<_> = suggestions(text)
            .into_iter()
            .filter(|s| s.confidence >= suggest::DEFAULT_MIN_CONFIDENCE)
            .collect();
        assert!(
            got.is_empty(),
            "{text:?}: {:?}",
            got.iter().map(|s| show(text, s)).collect::<Vec<_>>()
        );
    }
    want(
        "The board is considering whether the plan works.",
        "considering",
        "The board",
        "whether the plan works",
    );
    // Stances of two words, namings in quotation marks, and more stance verbs.
    want(
        "The Afghan government has ruled out Taliban involvement.",
        "ruled out",
        "The Afghan government",
        "Taliban involvement",
    );
    want(
        "We agree with the judge's decision to sentence him.",
        "agree with",
        "We",
        "the judge's decision to sentence him",
    );
    want(
        "Webb confessed to the kidnapping.",
        "confessed",
        "Webb",
        "the kidnapping",
    );
    want(
        "American servicemen dubbed the prison the \u{201c}Hanoi Hilton\u{201d}.",
        "dubbed",
        "American servicemen",
        "the prison the \u{201c}Hanoi Hilton\u{201d}",
    );
    want(
        "Doctors have protested longer detention periods.",
        "protested",
        "Doctors",
        "longer detention periods",
    );
    // "the protests that began …": a noun and a relative clause.
    let text = "Since 1989, when it crushed the pro-reform protests that began in Tiananmen Square, the party has ruled.";
    let protests = span(text, "protests");
    for s in suggestions(text) {
        assert!(
            !s.cue
                .iter()
                .any(|r| r.start < protests.end && protests.start < r.end),
            "{}",
            show(text, &s)
        );
    }
    // A quotation ending its own sentence, the cue followed by when.
    want(
        "\u{201c}Governor Bevin has done a wonderful job!\u{201d} Trump tweeted before Election Day.",
        "tweeted",
        "Trump",
        "\u{201c}Governor Bevin has done a wonderful job!\u{201d}",
    );
    // A time word inside a verb of several words.
    want(
        "A New York man pleaded guilty Monday to threatening to kill a congresswoman.",
        "pleaded",
        "A New York man",
        "threatening to kill a congresswoman",
    );
    // "… and say they …": the subject of the stance verb before, in the same stretch.
    want(
        "China said it is committed to the formula, while the city\u{2019}s police deny accusations of brutality and say they show utmost restraint.",
        "say they",
        "the city\u{2019}s police",
        "they show utmost restraint",
    );
    // A stance's object ends before "and" opens a clause of its own.
    want(
        "Webb confessed to the crime and the jury took just 15 minutes to find him guilty.",
        "confessed",
        "Webb",
        "the crime",
    );
    // A word right after a possessive is a noun.
    let text = "Refine your offers to serve their needs.";
    assert!(
        suggestions(text)
            .iter()
            .all(|s| s.confidence < suggest::DEFAULT_MIN_CONFIDENCE),
        "{:?}",
        suggestions(text)
            .iter()
            .map(|s| show(text, s))
            .collect::<Vec<_>>()
    );
    // Hypothetical stances, and nouns the tagger may read as verbs.
    for text in [
        "We would not completely rule out hopes of a larger display.",
        "Enemy attacks track you a little too well.",
        "You should be worried if you sleep under a duvet.",
    ] {
        let got: Vec<_> = suggestions(text)
            .into_iter()
            .filter(|s| s.confidence >= suggest::DEFAULT_MIN_CONFIDENCE)
            .collect();
        assert!(
            got.is_empty(),
            "{text:?}: {:?}",
            got.iter().map(|s| show(text, s)).collect::<Vec<_>>()
        );
    }
    want(
        "The Afghan government has firmly ruled out Taliban involvement.",
        "ruled out",
        "The Afghan government",
        "Taliban involvement",
    );
    // A short subject before a parenthetical cue: "It, he said, was a mistake."
    let text = "It, he said, was a mistake.";
    let got = suggestions(text);
    assert!(
        got.iter().any(|s| s.content.len() == 2
            && s.content[0] == span(text, "It")
            && s.mention == vec![span(text, "he")]),
        "{:?}",
        got.iter().map(|s| show(text, s)).collect::<Vec<_>>()
    );
    // Stances of two words.
    want(
        "He sheepishly apologized for his tardiness.",
        "apologized",
        "He",
        "his tardiness",
    );
    want(
        "Beijing objected to the bill.",
        "objected",
        "Beijing",
        "the bill",
    );
    want(
        "Mr Obama has pushed for stricter gun control.",
        "pushed",
        "Mr Obama",
        "stricter gun control",
    );
    // An agreement is a commitment; a refused one is none.
    want(
        "SoftBank agreed to inject $6.5 billion into the company.",
        "agreed",
        "SoftBank",
        "to inject $6.5 billion into the company",
    );
    let text = "I have never agreed to this kind of data collection.";
    assert!(
        suggestions(text)
            .iter()
            .all(|s| s.confidence < suggest::DEFAULT_MIN_CONFIDENCE),
        "{:?}",
        suggestions(text)
            .iter()
            .map(|s| show(text, s))
            .collect::<Vec<_>>()
    );
    want(
        "According to the transport office the works will begin in March.",
        "According to",
        "the transport office",
        "the works will begin in March",
    );
    // A stance's object ends before a verb of the same subject.
    want(
        "He denied the claims and resigned on Friday.",
        "denied",
        "He",
        "the claims",
    );
    want(
        "The opposition has ruled out any further delay and objected to the cost.",
        "ruled out",
        "The opposition",
        "any further delay",
    );
    // Verbs of saying and thinking the lexicon lacked.
    want(
        "\u{201c}It was a mistake,\u{201d} he mused.",
        "mused",
        "he",
        "\u{201c}It was a mistake,\u{201d}",
    );
    want(
        "She bragged that the company had doubled its sales.",
        "bragged",
        "She",
        "the company had doubled its sales",
    );
    // "… than we realize" is a comparison, not a belief after its clause.
    let text = "It happens much more often than we realize.";
    assert!(
        suggestions(text)
            .iter()
            .all(|s| s.confidence < suggest::DEFAULT_MIN_CONFIDENCE),
        "{:?}",
        suggestions(text)
            .iter()
            .map(|s| show(text, s))
            .collect::<Vec<_>>()
    );
}

fn suggestions(text: &str) -> Vec<Suggestion> {
    suggest::suggest_text(text, &Knowledge::empty())
}

fn show(text: &str, s: &Suggestion) -> String {
    let c: Vec<char> = text.chars().collect();
    let t = |r: &[Range<usize>]| {
        r.iter()
            .map(|r| c[r.start..r.end].iter().collect::<String>())
            .collect::<Vec<_>>()
            .join(" … ")
    };
    format!(
        "{:.2} [{}] cue={:?} source={:?} content={:?}",
        s.confidence,
        s.rule,
        t(&s.cue),
        t(&s.mention),
        t(&s.content)
    )
}

#[test]
fn every_pattern_is_suggested_as_the_guide_annotates_it() {
    let mut failures = Vec::new();
    for c in CASES {
        let human = Attr {
            content: c.content.iter().map(|f| span(c.text, f)).collect(),
            cue: vec![span(c.text, c.cue)],
            mention: c.source.map(|s| span(c.text, s)).into_iter().collect(),
        };
        let got = suggestions(c.text);
        let attrs: Vec<Attr> = got
            .iter()
            .map(|s| Attr {
                content: s.content.clone(),
                cue: s.cue.clone(),
                mention: s.mention.clone(),
            })
            .collect();
        let prefix = visible_prefix(c.text);
        let m = matching(&prefix, std::slice::from_ref(&human), &attrs);
        let ok = m.first().is_some_and(|&(_, j)| {
            let s = &got[j];
            match c.source {
                None => s.mention.is_empty(),
                Some(_) => s.mention.iter().any(|r| {
                    human
                        .mention
                        .iter()
                        .any(|h| r.start < h.end && h.start < r.end)
                }),
            }
        });
        if !ok {
            let listed: Vec<String> = got.iter().map(|s| show(c.text, s)).collect();
            failures.push(format!(
                "{:?}\n   want cue={:?} source={:?} content={:?}\n   got {listed:#?}",
                c.text, c.cue, c.source, c.content
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn nouns_credit_lines_and_audiences_are_not_cues() {
    let mut failures = Vec::new();
    for (text, words) in NOT_CUES {
        let got = suggestions(text);
        for w in *words {
            let r = span(text, w);
            for s in &got {
                if s.cue.iter().any(|c| c.start < r.end && r.start < c.end) {
                    failures.push(format!("{text:?}: {}", show(text, s)));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The appositive is not taken for the content, nor the participle clause for a fragment.
#[test]
fn noun_cues_with_a_topic_are_proposed() {
    // "In her first comments on the case": a cue noun with a possessive source and a topic,
    // at the default threshold; the topic ends before the sentence's verb.
    let text = "Obama's comments on race were careful.";
    let got = suggestions(text);
    let were = span(text, "were");
    assert!(
        got.iter()
            .any(|s| s.confidence >= suggest::DEFAULT_MIN_CONFIDENCE
                && s.content.iter().all(|r| r.end <= were.start)),
        "{got:?}"
    );
}

#[test]
fn one_attribution_per_cue_and_objects_end_at_a_comma() {
    // "said in a statement that": one suggestion, not a second one for "a statement that".
    let text = "The ministry said in a statement that the border would stay closed.";
    let got = suggestions(text);
    assert_eq!(got.len(), 1, "{got:?}");
    // A quotation of the sentence before is not part of the content when one follows the cue.
    let text = "Smith said, “It is over.” Jones replied, “It has just begun.”";
    let before = span(text, "It is over");
    let replied = span(text, "replied");
    for s in suggestions(text) {
        if s.cue
            .iter()
            .any(|c| c.start < replied.end && replied.start < c.end)
        {
            assert!(
                s.content.iter().all(|r| r.start >= before.end),
                "{}",
                show(text, &s)
            );
        }
    }
    // A quotation that closed the sentence before is not the content of a cue in the middle
    // of the next one.
    let text =
        "Said Sanders: “We will win.” The president believes, aides say, that the deal is fair.";
    let quote = span(text, "We will win.");
    let believes = span(text, "believes");
    for s in suggestions(text) {
        if s.cue.iter().any(|c| c.start >= believes.start) {
            assert!(
                s.content.iter().all(|r| r.start >= quote.end),
                "{}",
                show(text, &s)
            );
        }
    }
    // An object inside a relative clause ends at its comma, before the main verb.
    let text = "The senator, who has criticized the plan, said she would vote against it.";
    let main = span(text, "said");
    for s in suggestions(text) {
        if s.cue.iter().all(|c| c.end <= main.start) {
            assert!(
                s.content.iter().all(|r| r.end <= main.start),
                "{}",
                show(text, &s)
            );
        }
    }
}

#[test]
fn appositives_and_participles_stay_out_of_the_content() {
    for (text, appositive) in [
        (
            "Smith, a spokesman for Disney, said the deal would close.",
            "a spokesman for Disney",
        ),
        (
            "“We are disappointed in the outcome,” said Jane Doe, a spokeswoman for the firm.",
            "a spokeswoman for the firm",
        ),
        (
            "“We have waited long enough,” said Mayor Ruth Okafor, who had pushed for repairs.",
            "who had pushed for repairs",
        ),
    ] {
        let got = suggestions(text);
        assert!(!got.is_empty(), "{text}");
        let app = span(text, appositive);
        for s in got {
            assert!(
                !s.content
                    .iter()
                    .any(|r| r.start < app.end && app.start < r.end),
                "{}",
                show(text, &s)
            );
        }
    }
    // A participle of saying or speaking after the content is the speaker's.
    for (text, tail) in [
        (
            "An official said the strike had been approved, speaking on condition of anonymity.",
            "speaking",
        ),
        (
            "Sanders argued that the system is rigged, adding that voters deserve better.",
            "adding",
        ),
    ] {
        let t = span(text, tail);
        let main: Vec<_> = suggestions(text)
            .into_iter()
            .filter(|s| s.cue.iter().all(|c| c.end <= t.start))
            .collect();
        assert!(!main.is_empty(), "{text}");
        for s in &main {
            assert!(
                s.content.iter().all(|r| r.end <= t.start),
                "{}",
                show(text, s)
            );
        }
    }
    let text = "Prices will rise, the bank said, adding that wages would lag.";
    let adding = span(text, "adding");
    for s in suggestions(text).iter().filter(|s| {
        s.cue
            .iter()
            .all(|c| !(c.start < adding.end && adding.start < c.end))
    }) {
        assert!(
            s.content.iter().all(|r| r.end <= adding.start),
            "{}",
            show(text, s)
        );
    }
}

/// A tool, not a check: `SUGGEST_TEXT='…' cargo test --test suggest_patterns print_suggestions -- --ignored
/// --nocapture` prints every suggestion for the text, with the tagger's reading of each word.
#[test]
#[ignore]
fn print_suggestions() {
    let text = std::env::var("SUGGEST_TEXT").unwrap_or_default();
    let chars: Vec<char> = text.chars().collect();
    let show = |r: &[Range<usize>]| {
        r.iter()
            .map(|r| chars[r.start..r.end].iter().collect::<String>())
            .collect::<Vec<_>>()
            .join(" … ")
    };
    for s in suggest::suggest_text(&text, &Knowledge::default()) {
        eprintln!(
            "{:.2} [{}] cue={:?} src={:?} content={:?}",
            s.confidence,
            s.rule,
            show(&s.cue),
            show(&s.mention),
            show(&s.content)
        );
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    if let Ok(tagger) = claimtrace::nlp::english_tagger() {
        for (w, t) in words.iter().zip(tagger.tag(&words)) {
            eprint!("{w}/{}/{} ", t.upos.name(), t.xpos.as_str());
        }
    }
    eprintln!();
}
