"""How the NLU reads people as they really write (issue 11): topic words misspelt or clipped, the
noise model, typos read by the intent featurizers, and the guard on costly intents."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from careerdata.english import is_english_word
from nlu_build import noise
from nlu_build.build import read_topics
from nlu_components.costly_intents import CostlyIntentGuard
from nlu_components.role_extractor import RoleMentionExtractor
from nlu_components.typo_lemmas import TypoLemmas

PROJECT = Path(__file__).resolve().parent.parent
GENERATED = PROJECT / "data" / "nlu" / "roles_generated.yml"
CONTEXT = ExecutionContext(graph_schema=None, model_id="test")


def _config_of(name: str) -> dict:
    """The config.yml entry of the pipeline component ``name`` (the first with that name)."""
    pipeline = yaml.safe_load((PROJECT / "config.yml").read_text(encoding="utf-8"))["pipeline"]
    return next(c for c in pipeline if c["name"] == name)


def _tokens(text: str) -> Message:
    message = Message.build(text=text)
    WhitespaceTokenizer(WhitespaceTokenizer.get_default_config()).process([message])
    return message


# --- topic words ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def topic_extractor(tmp_path_factory) -> RoleMentionExtractor:
    """The topic instance of config.yml, trained on the generated lookup table and loaded back."""
    config = {k: v for k, v in _config_of_topic().items() if k != "name"}
    storage = LocalModelStorage(tmp_path_factory.mktemp("topics"))
    resource = Resource("topic_extractor")
    RoleMentionExtractor.create(config, storage, resource, CONTEXT).train(load_data(str(GENERATED)))
    return RoleMentionExtractor.load(config, storage, resource, CONTEXT)


def _config_of_topic() -> dict:
    pipeline = yaml.safe_load((PROJECT / "config.yml").read_text(encoding="utf-8"))["pipeline"]
    return next(c for c in pipeline if c.get("entity") == "topic")


def topics_in(extractor: RoleMentionExtractor, text: str) -> list:
    message = _tokens(text)
    extractor.process([message])
    return [e["value"] for e in message.get(ENTITIES, []) if e["entity"] == "topic"]


def _typos(word: str) -> list:
    """A letter dropped and two letters swapped, in the middle of ``word``."""
    middle = len(word) // 2
    return [word[:middle] + word[middle + 1:],
            word[:middle] + word[middle + 1] + word[middle] + word[middle + 2:]]


def test_every_topic_word_of_the_data_is_read_exact_and_misspelt(topic_extractor):
    topics = read_topics()
    checked = 0
    for key, words in topics.items():
        for word in [key, *words]:
            if " " in word or "-" in word:
                continue
            assert topics_in(topic_extractor, f"and {word}?") == [key], word
            if len(word) < 6:
                continue
            for typo in _typos(word):
                if typo in topics.get(key, []) or is_english_word(typo):
                    continue  # "tols" for "tools" is a typo, "sill" for "skill" a word
                found = topics_in(topic_extractor, f"and {typo}?")
                # a typo may be closer to another word of the same topic, never another topic
                assert found == [key], (word, typo, found)
                checked += 1
    assert checked > 60


def test_clipped_and_capitalised_topic_words_are_topics(topic_extractor):
    assert topics_in(topic_extractor, "lead MLE resp?") == ["responsibilities"]
    assert topics_in(topic_extractor, "and edu") == ["education"]
    assert topics_in(topic_extractor, "SALRY OF DATA ENGINERS") == ["salary"]
    assert topics_in(topic_extractor, "AND SKILS?") == ["skills"]
    assert topics_in(topic_extractor, "outlok") == ["outlook"]


def test_english_words_near_a_topic_word_are_not_topics(topic_extractor):
    for text in ["cheap trips to rome", "i am still here", "it took a while", "fix my sink"]:
        assert topics_in(topic_extractor, text) == [], text


# --- the noise model --------------------------------------------------------------------------
def test_noise_is_deterministic_small_and_keeps_annotations():
    text = "what does a [data scientist](role) earn in [Ohio](location)"
    first = noise.noisy(text, seed=7, protect_annotations=True)
    assert first == noise.noisy(text, seed=7, protect_annotations=True)
    assert "[data scientist](role)" in first.replace("DATA SCIENTIST", "data scientist")
    assert "(role)" in first and "(location)" in first
    changed = [noise.noisy(f"please tell me about the education {n}", seed=3) for n in range(40)]
    assert all(c != f"please tell me about the education {n}" for n, c in enumerate(changed))
    assert any(c.isupper() for c in changed) and any(not c.isupper() for c in changed)
    assert noise.noisy("hi", seed=1) in ("hi", "HI")  # nothing of 3+ letters to edit


def test_each_word_edit_does_what_its_name_says():
    import random

    rng = random.Random(1)
    assert len(noise.WORD_EDITS["drop"]("salary", rng)) == 5
    assert len(noise.WORD_EDITS["double"]("salary", rng)) == 7
    assert sorted(noise.WORD_EDITS["swap"]("salary", rng)) == sorted("salary")
    assert noise.WORD_EDITS["split"]("education", rng).replace(" ", "") == "education"
    near = noise.WORD_EDITS["neighbour"]("q", rng)
    assert near in noise.KEYBOARD_NEIGHBOURS["q"]


def test_training_variants_take_a_share_and_avoid_held_out_messages():
    examples = {"ask_skills": [f"what skills does a [nurse](role) need number {n}"
                               for n in range(200)]}
    typed = noise.variants(examples, share=0.3, seed=42)["ask_skills"]
    assert 40 <= len(typed) <= 80
    assert all("](role)" in t and t not in examples["ask_skills"] for t in typed)
    blocked = noise.variants(examples, share=0.3, seed=42, avoid=set(typed))
    assert blocked == {}


# --- typos read by the intent featurizers ---------------------------------------------------
@pytest.fixture(scope="module")
def lemmas(tmp_path_factory) -> TypoLemmas:
    texts = ["what is the education of a nurse", "what education do nurses need",
             "what role fits me", "which role suits me", "what are the skills", "skills please"]
    storage = LocalModelStorage(tmp_path_factory.mktemp("lemmas"))
    resource = Resource("typo_lemmas")
    examples = [Message(data={TEXT: t, INTENT: "x"}) for t in texts]
    TypoLemmas.create({}, storage, resource, CONTEXT).train(TrainingData(examples))
    return TypoLemmas.load({}, storage, resource, CONTEXT)


def lemmas_of(component: TypoLemmas, text: str) -> list:
    message = _tokens(text)
    component.process([message])
    return [t.lemma for t in message.get(TOKENS_NAMES[TEXT])]


def test_typos_take_the_lemma_of_the_word_they_miss_and_the_text_stays(lemmas):
    assert lemmas_of(lemmas, "educaton skils") == ["education", "skills"]
    assert lemmas_of(lemmas, "whatrole") == ["what role"]
    message = _tokens("educaton")
    lemmas.process([message])
    assert message.get(TOKENS_NAMES[TEXT])[0].text == "educaton"


def test_known_words_english_words_and_short_words_stay_as_they_are(lemmas):
    assert lemmas_of(lemmas, "nurse faucet skill wat") == ["nurse", "faucet", "skill", "wat"]


# --- costly intents ----------------------------------------------------------------------------
def guarded(intent: str, confidence: float, ranking=(), entities=(), text: str = "x") -> dict:
    config = {k: v for k, v in _config_of(
        "nlu_components.costly_intents.CostlyIntentGuard").items() if k != "name"}
    message = Message(data={TEXT: text, INTENT: {"name": intent, "confidence": confidence},
                            INTENT_RANKING_KEY: [{"name": intent, "confidence": confidence},
                                                 *ranking],
                            ENTITIES: list(entities)})
    CostlyIntentGuard.create(config, None, None, CONTEXT).process([message])
    return message.get(INTENT)


def test_a_sure_goodbye_without_career_words_stays():
    assert guarded("goodbye", 0.9, text="ok bye")["name"] == "goodbye"
    assert guarded("ask_skills", 0.31)["name"] == "ask_skills"  # not a costly intent


def test_thanks_with_a_question_is_the_question():
    sources = {"name": "ask_sources", "confidence": 0.3}
    text = "ok thanks. where is that coming from though?"
    assert guarded("thank", 0.95, [sources], text=text)["name"] == "ask_sources"
    assert guarded("thank", 0.95, [sources], text="ok thanks.")["name"] == "thank"
    assert guarded("out_of_scope", 0.95, [sources], text="can you pay my rent?")["name"] == (
        "out_of_scope")


def test_an_unsure_costly_intent_gives_way_to_the_next_or_to_fallback():
    config = _config_of("nlu_components.costly_intents.CostlyIntentGuard")
    below, floor = config["threshold"] - 0.01, config["fallback_threshold"]
    bot = {"name": "bot_challenge", "confidence": floor + 0.01}
    assert guarded("out_of_scope", below, [bot])["name"] == "bot_challenge"
    # the others' confidences given that the message is not the costly intent: 0.29 / 0.71
    low = {"name": "greet", "confidence": floor * (1 - below) - 0.01}
    assert guarded("thank", below, [low]) == {"name": "nlu_fallback", "confidence": floor}
    given = {"name": "greet", "confidence": floor * (1 - below) + 0.01}
    assert guarded("thank", below, [given])["name"] == "greet"


def test_career_words_found_by_the_data_veto_a_costly_intent_below_sure():
    topic = {"entity": "topic", "value": "outlook", "extractor": "RoleMentionExtractor"}
    outlook = {"name": "ask_outlook", "confidence": 0.3}
    assert guarded("goodbye", 0.7, [outlook], [topic])["name"] == "ask_outlook"
    assert guarded("goodbye", 0.7, [], [topic])["name"] == "nlu_fallback"
    assert guarded("out_of_scope", 0.95, [outlook], [topic])["name"] == "out_of_scope"
    # a sure classifier outweighs a topic word, even exact ("the salary cap in the NFL") ...
    exact = {**topic, "extractor": "SpacyEntityExtractor"}
    assert guarded("out_of_scope", 0.95, [outlook], [exact])["name"] == "out_of_scope"
    # ... but not a role or pay view named exactly ("and the top 10%?")
    top = {"entity": "pay_view", "value": "top", "extractor": "SpacyEntityExtractor"}
    assert guarded("out_of_scope", 0.95, [outlook], [top])["name"] == "ask_outlook"
    learned = {**topic, "extractor": "CRFEntityExtractor"}  # a guess is no evidence
    assert guarded("goodbye", 0.7, [outlook], [learned], text="bye")["name"] == "goodbye"


def test_thanks_and_goodbye_need_the_words_that_say_them():
    # the next intent (the domain gate then finds no career evidence)
    role = {"name": "inform_role", "confidence": 0.05}
    assert guarded("goodbye", 0.9, [role], text="turn off the lights")["name"] == "inform_role"
    assert guarded("thank", 0.9, [role], text="take lunch meeting off my calendar")[
        "name"] == "inform_role"
    assert guarded("thank", 0.5, text="ty ttyl")["name"] == "thank+goodbye"
    assert guarded("thank+goodbye", 0.7, text="thanks, that's exactly what i needed")[
        "name"] == "thank"
    assert guarded("goodbye", 0.6, text="thank you, I'll be going now")["name"] == (
        "thank+goodbye")
    # typos of the longer words, even English words
    assert guarded("thank", 0.9, text="thnaks a lot")["name"] == "thank"
    assert guarded("thank", 0.9, text="TANKS SO MUCH")["name"] == "thank"
    assert guarded("goodbye", 0.9, text="goodbey")["name"] == "goodbye"
    # a verdict on the chat closes it (issue 27); "talk" alone is no farewell
    assert guarded("goodbye", 0.9, text="lovely talk")["name"] == "goodbye"
    assert guarded("goodbye", 0.9, text="it was nice speaking with you")["name"] == "goodbye"
    assert guarded("goodbye", 0.9, [role], text="please talk softer")["name"] == "inform_role"
    assert guarded("thank", 0.9, text="i'm indebted to you")["name"] == "thank"


def test_an_unsure_message_of_only_thanks_or_farewell_words_says_them():
    greet = {"name": "greet", "confidence": 0.2}
    for text, intent in [("ta", "thank"), ("ok thanks", "thank"), ("bye then", "goodbye"),
                         ("cheers for that, I'm off", "thank+goodbye")]:
        assert guarded("nlu_fallback", 0.3, [greet], text=text)["name"] == intent, text
    for text in ["thanks?", "turn off the lights", "thanks for the salary info", "thanks xqzt"]:
        assert guarded("nlu_fallback", 0.3, [greet], text=text)["name"] == "nlu_fallback", text


def test_every_training_example_of_thanks_and_goodbye_says_its_intent():
    guard = CostlyIntentGuard({})
    cued = set(guard.config["cues"])
    wrong = []
    for path in sorted((PROJECT / "data" / "nlu").glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            if block.get("intent") not in cued:
                continue
            for line in block["examples"].splitlines():
                text = line.strip()[2:]
                if guard.cued_intent(Message(data={TEXT: text})) != block["intent"]:
                    wrong.append((block["intent"], text))
    assert wrong == []


def test_every_component_falls_back_below_the_fallback_classifiers_threshold():
    threshold = _config_of("FallbackClassifier")["threshold"]
    assert _config_of("nlu_components.costly_intents.CostlyIntentGuard")[
        "fallback_threshold"] == threshold
    assert _config_of("nlu_components.language_gate.LanguageGate")[
        "fallback_threshold"] == threshold


# --- places in capitals and misspelt ---------------------------------------------------------
def test_postal_abbreviations_in_a_message_in_capitals_need_a_place_word(role_store):
    places = role_store.places

    def codes(text):
        return [r.place.code for r in places.scan(text) if r.place is not None]

    assert codes("CAN YOU GIVE ME A RECIPE") == []
    assert codes("WHICH ROLE FITS ME BEST") == []
    assert codes("HOW MANY NURSES IN TX") == ["4800000"]
    assert codes("nurses in OH") == ["3900000"]
    assert places.shouted_abbreviation("IN", "IN WHAT SECTORS DO THEY WORK")
    assert not places.shouted_abbreviation("TX", "HOW MANY NURSES IN TX")
    assert not places.shouted_abbreviation("ME", "pay in ME")


def test_swapped_letters_in_place_and_role_names_are_read(role_store):
    assert [r.place.name for r in role_store.places.scan("pharmacists in Flordia")] == ["Florida"]
    assert role_store.resolver.resolve("dtaa scientist").role == "Data Scientist"
    assert role_store.resolver.resolve("read machine learning engineers").role != (
        "Lead Machine Learning Engineer")


# --- intents from the data's names -------------------------------------------------------------
def mentioned(intent: str, text: str, entities=()) -> str:
    from nlu_components.mention_intent import MentionIntent

    message = Message(data={TEXT: text, INTENT: {"name": intent, "confidence": 0.4},
                            INTENT_RANKING_KEY: [{"name": intent, "confidence": 0.4}],
                            ENTITIES: list(entities)})
    MentionIntent.create({}, None, None, CONTEXT).process([message])
    return message.get(INTENT)["name"]


def _entity(kind: str, value: str, text: str, word: str, extractor="RoleMentionExtractor"):
    start = text.index(word)
    return {"entity": kind, "value": value, "start": start, "end": start + len(word),
            "extractor": extractor}


def test_a_bare_role_or_place_with_one_topic_is_a_question_on_that_topic():
    text = "lead MLE resp?"
    found = [_entity("role", "Lead Machine Learning Engineer", text, "lead MLE"),
             _entity("topic", "responsibilities", text, "resp")]
    assert mentioned("inform_role", text, found) == "ask_responsibilities"
    assert mentioned("nlu_fallback", "and edu?",
                     [_entity("topic", "education", "and edu?", "edu")]) == "ask_education"
    assert mentioned("inform_location", "and the top 10%?", [
        _entity("pay_view", "top", "and the top 10%?", "top 10%")]) == "ask_salary"
    # "10/10" is praise, "and the top 10%?" no compliment
    assert mentioned("praise", "and the top 10%?", [
        _entity("pay_view", "top", "and the top 10%?", "top 10%")]) == "ask_salary"
    assert mentioned("ask_skills", text, found) == "ask_skills"  # a question stays itself


def test_two_topics_a_guessed_topic_or_a_long_fallback_keep_their_intent():
    text = "skills and tools of nurses"
    both = [_entity("topic", "skills", text, "skills"), _entity("topic", "tools", text, "tools")]
    assert mentioned("inform_role", text, both) == "inform_role"
    guessed = [_entity("topic", "salary", text, "skills", "CRFEntityExtractor")]
    assert mentioned("inform_role", text, guessed) == "inform_role"
    long = "my cousin said the salary of the king is huge"
    assert mentioned("nlu_fallback", long,
                     [_entity("topic", "salary", long, "salary")]) == "nlu_fallback"
    kind = "love this tool"
    assert mentioned("praise", kind, [_entity("topic", "tools", kind, "tool")]) == "praise"


def test_an_unsure_bare_role_name_is_inform_role():
    assert mentioned("nlu_fallback", "RN", [_entity("role", "Registered Nurses", "RN", "RN",
                                                    "SpacyEntityExtractor")]) == "inform_role"
    # with words that only carry the name
    for text, name in [("let's say RN", "RN"), ("NURSE PRACTITIONERS I MENA", "NURSE PRACTITIONERS"),
                       ("the second on, regisered nurses", "regisered nurses")]:
        assert mentioned("nlu_fallback", text, [_entity("role", "x", text, name)]) == "inform_role"
    # a question, a typo that may be a topic word, or a place besides the role: no bare role
    for text, name in [("is the RN exam hard", "RN"),
                       ("what do registered nurses do all dya", "registered nurses"),
                       ("SAKRY OF DSTA ENGINER", "DSTA ENGINER")]:
        assert mentioned("nlu_fallback", text, [_entity("role", "x", text, name)]) == (
            "nlu_fallback")
    text = "RN ppay TX"
    both = [_entity("location", "TX", text, "TX"), _entity("role", "x", text, "RN")]
    assert mentioned("nlu_fallback", text, both) == "nlu_fallback"
    assert mentioned("nlu_fallback", "asdf", []) == "nlu_fallback"


@pytest.mark.parametrize("intent, text, a, b, expected", [
    ("nlu_fallback", "paralegal to lawyer - what would it take?", "paralegal", "lawyer",
     "ask_tips"),
    ("ask_tips", "how can a bookkeeper become an accountant", "bookkeeper", "accountant",
     "ask_tips"),
    ("ask_salary", "compare a nurse to a doctor", "nurse", "doctor", "compare_roles"),
    ("nlu_fallback", "compare a nurse to a doctor", "nurse", "doctor", "nlu_fallback"),
    ("nlu_fallback", "nurse and doctor salary", "nurse", "doctor", "nlu_fallback"),
    ("thank", "thanks, the nurse to doctor part helped", "nurse", "doctor", "thank"),
])
def test_two_roles_with_a_switch_word_between_ask_how_to_move(intent, text, a, b, expected):
    found = [_entity("role", a.title(), text, a), _entity("role", b.title(), text, b)]
    assert mentioned(intent, text, found) == expected


def test_an_unsure_message_about_jobs_with_a_lowest_pay_is_a_ranking():
    text = "jobs in florida that pay at least 70k"
    jobs = [_entity("career_word", "career", text, "jobs", "SpacyEntityExtractor")]
    assert mentioned("nlu_fallback", text, jobs) == "rank_roles"
    assert mentioned("nlu_fallback", "jobs in florida", jobs) == "nlu_fallback"
    assert mentioned("nlu_fallback", text, []) == "nlu_fallback"  # no career word


def test_an_unsure_question_about_an_unknown_job_takes_the_best_career_intent():
    from nlu_components.mention_intent import MentionIntent

    def read(text):
        ranking = [{"name": "nlu_fallback", "confidence": 0.35},
                   {"name": "out_of_scope", "confidence": 0.3},
                   {"name": "ask_definition", "confidence": 0.29}]
        message = Message(data={TEXT: text, INTENT: ranking[0], INTENT_RANKING_KEY: ranking,
                                ENTITIES: []})
        MentionIntent.create({}, None, None, CONTEXT).process([message])
        return message.get(INTENT)["name"]

    assert read("what does an astronaut do?") == "ask_definition"
    assert read("what does the fox say") == "nlu_fallback"


def test_an_unsure_bare_place_is_inform_location():
    text = "what anot TX"
    tx = [_entity("location", "TX", text, "TX", "SpacyEntityExtractor")]
    assert mentioned("inform_role", text, tx) == "inform_location"
    assert mentioned("nlu_fallback", text, tx) == "inform_location"
    text = "new york time please"
    ny = [_entity("location", "New York", text, "new york", "SpacyEntityExtractor")]
    assert mentioned("nlu_fallback", text, ny) == "nlu_fallback"
    text = "RN in TX"
    both = [_entity("location", "TX", text, "TX"), _entity("role", "x", text, "RN")]
    assert mentioned("nlu_fallback", text, both) == "nlu_fallback"  # a pay question, maybe


def test_every_topic_of_the_data_has_its_question_intent_in_the_domain():
    from nlu_components.mention_intent import TOPIC_INTENTS

    domain = yaml.safe_load((PROJECT / "domain.yml").read_text(encoding="utf-8"))
    assert set(TOPIC_INTENTS) == set(read_topics())
    assert set(TOPIC_INTENTS.values()) <= set(domain["intents"])


def test_every_topic_is_declared_once_with_its_intent_in_the_domain():
    from careerdata import topics
    from careerdata.store import TOPICS

    domain = yaml.safe_load((PROJECT / "domain.yml").read_text(encoding="utf-8"))
    assert {topic.intent for topic in topics.ALL} <= set(domain["intents"])
    # the articles' topics, the BLS employment and the topics only the open data answers
    assert set(topics.BY_KEY) == {*TOPICS, topics.EMPLOYMENT, topics.KNOWLEDGE, topics.SIMILAR,
                                  topics.WORK_STYLES}
    from actions.render_depth import RENDERERS
    from careerdata.depth import READERS

    depth = {topic.key for topic in topics.ALL if topic.depth}
    assert set(READERS) == set(RENDERERS) == depth
    assert len(topics.BY_KEY) == len(topics.ALL)
    assert all(key in topics.BY_KEY and key != topic.key
               for topic in topics.ALL for key in topic.next)
    assert set(topics.OCCUPATION_NEXT) <= set(topics.BY_KEY)
    assert topics.of_intent("ask_tools").title == "tools and software"
    assert topics.of_intent("greet") is None and topics.of_intent(None) is None
