"""The language gate (nlu_components/language_gate.py) on its own: scripts, the vocabulary of
the training examples, lingua's verdict, and how it relabels the classifiers' output."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu_components.language_gate import OTHER_LANGUAGE, LanguageGate, other_script, words_of

ENGLISH_EXAMPLES = ["what skills does a data engineer need", "how much do nurses make",
                    "what apps and software are common for it", "tell me about data scientists"]


class _Storage:
    """Just enough of Rasa's ModelStorage for train()."""

    def __init__(self, tmp_path):
        self.path = tmp_path

    def write_to(self, resource):
        from contextlib import contextmanager

        @contextmanager
        def folder():
            yield self.path
        return folder()


@pytest.fixture(scope="module")
def gate(tmp_path_factory):
    examples = [Message(data={TEXT: t, INTENT: "ask_skills"}) for t in ENGLISH_EXAMPLES]
    examples.append(Message(data={TEXT: "hola que tal", INTENT: OTHER_LANGUAGE}))
    trained = LanguageGate({}, _Storage(tmp_path_factory.mktemp("gate")), resource=None)
    trained.train(TrainingData(training_examples=examples))
    return trained


def parse(gate, text, intent, confidence, ranking=()):
    message = Message(data={TEXT: text, INTENT: {"name": intent, "confidence": confidence},
                            INTENT_RANKING_KEY: [{"name": intent, "confidence": confidence},
                                                 *ranking]})
    gate.process([message])
    return message.get(INTENT)["name"]


def test_scripts_other_than_latin_are_other_languages():
    assert other_script("привет") and other_script("你好") and other_script("नमस्ते")
    assert other_script("сколько зарабатывает data engineer?")
    assert not other_script("what does a data engineer earn?")
    assert not other_script("¿cuánto gana un ingeniero?") and not other_script("1234 !!")


def test_the_vocabulary_comes_from_english_examples_only(gate):
    assert {"skills", "engineer", "apps"} <= gate.vocabulary
    assert "hola" not in gate.vocabulary
    assert words_of("What's UP, doc?") == ["what's", "up", "doc"]
    assert gate.known_share("what apps are common") == 1.0


def test_an_unsure_foreign_message_becomes_other_language(gate):
    assert parse(gate, "welche Fähigkeiten braucht ein Dateningenieur?", "nlu_fallback",
                 0.3) == OTHER_LANGUAGE
    assert parse(gate, "quanto guadagna un ingegnere dei dati in Florida?", "ask_salary",
                 0.4) == OTHER_LANGUAGE
    assert parse(gate, "привет", "greet", 0.99) == OTHER_LANGUAGE


def test_english_stays_english_even_when_lingua_disagrees(gate):
    # lingua's low-accuracy models call this German with confidence 1.0; its words are known
    text = "what apps and software are common for it"
    assert gate._detector.compute_language_confidence_values(text)[0].language.name == "GERMAN"
    assert gate.language_of(text) is None
    assert parse(gate, "what apps and software are common for it", "nlu_fallback",
                 0.3) == "nlu_fallback"
    # sure classifiers are overruled for Latin script only by stop words of another language
    assert parse(gate, "Dateningenieur Fähigkeiten Gehalt", "ask_skills", 0.9) == "ask_skills"
    assert parse(gate, "bist du ein bot?", "bot_challenge", 0.95) == OTHER_LANGUAGE
    assert parse(gate, "what skills does a data engineer need", "ask_skills",
                 0.9) == "ask_skills"


def test_the_classifiers_alone_cannot_say_other_language(gate):
    ranking = [{"name": "ask_tools", "confidence": 0.5}]
    assert parse(gate, "tell me about data scientists", OTHER_LANGUAGE, 0.5,
                 ranking) == "ask_tools"
    assert parse(gate, "tell me about data scientists", OTHER_LANGUAGE, 0.9,
                 [{"name": "ask_tools", "confidence": 0.05}]) == "nlu_fallback"


def test_close_languages_share_the_confidence_that_a_message_is_not_english(gate):
    """Issue 27: Croatian and Bosnian (Serbian in Latin letters reads as both) split lingua's
    confidence; the message is still surely not English, so it is another language."""
    text = "kolika je plata za medicinsku sestru"
    values = gate._detector.compute_language_confidence_values(text)
    assert values[0].value < gate.config["min_confidence"]  # no single language is sure
    assert gate.language_of(text) in ("BOSNIAN", "CROATIAN")
    assert gate.language_of("what does a registered nurse earn in ohio") is None


def test_short_messages_are_judged_more_strictly(gate):
    """Issue 27: a one- or two-word message in another language ("guten Tag", "tusind tak") is
    another language when lingua is very sure, no entity was found and no word is known or all
    English; chat shorthand ("brb") and English words ("delete item") stay as they were."""
    assert parse(gate, "guten Tag", "nlu_fallback", 0.3) == OTHER_LANGUAGE
    assert parse(gate, "dziękuję bardzo", "nlu_fallback", 0.3) == OTHER_LANGUAGE
    assert gate.language_of("brb") is None and gate.language_of("gm") is None
    assert gate.language_of("delete item") is None
    assert gate.language_of("skills tak") is None  # a word of the English examples
    # a word of three letters or fewer is a word of many languages: "for" (English examples)
    assert parse(gate, "for widzenia", "nlu_fallback", 0.3) == OTHER_LANGUAGE
    assert parse(gate, "do widzenia", "nlu_fallback", 0.3) == OTHER_LANGUAGE
    named = Message(data={TEXT: "guten Tag", INTENT: {"name": "nlu_fallback", "confidence": 0.3},
                          "entities": [{"entity": "location", "value": "Tag"}]})
    gate.process([named])
    assert named.get(INTENT)["name"] == "nlu_fallback"


def test_a_message_without_entities_may_be_surer_and_still_foreign(gate):
    """Issue 27: with no role, place or topic found, a top intent below 0.8 is unsure; with one,
    below 0.6 ("avg comp for DS in SF" at 0.78 stays a salary question)."""
    assert parse(gate, "prévisions météo demain à Paris", "ask_outlook",
                 0.75) == OTHER_LANGUAGE
    named = Message(data={TEXT: "prévisions météo demain à Paris",
                          INTENT: {"name": "ask_outlook", "confidence": 0.75},
                          "entities": [{"entity": "location", "value": "Paris"}]})
    gate.process([named])
    assert named.get(INTENT)["name"] == "ask_outlook"


def test_stop_words_of_another_language_tell_it_where_lingua_is_unsure(gate):
    """Issue 27: greetings and fragments too short for lingua to be sure of ("hasta luego":
    English 0.12) are mostly stop words of the language lingua ranks first: another language."""
    for text in ("hasta luego", "nee dank je", "ja tak", "was kannst du"):
        values = gate._detector.compute_language_confidence_values(text)
        assert values[0].language.name != "ENGLISH"
        assert parse(gate, text, "nlu_fallback", 0.3) == OTHER_LANGUAGE, text
    english = next(v.value for v in gate._detector.compute_language_confidence_values(
        "hasta luego") if v.language.name == "ENGLISH")
    assert english > gate.config["short_max_english"]  # lingua alone would not say it


def test_english_words_and_chat_forms_in_other_stop_word_lists_do_not_count(gate):
    """English stop words ("a", "me"), forms of one or two letters ("r u", "ty") and common
    English words ("dice", Spanish and Italian too) of other languages' lists are no sign of
    another language."""
    for text in ("ai toss the dice", "r u a robot", "ty ttyl"):
        assert parse(gate, text, "nlu_fallback", 0.3) == "nlu_fallback", text


def test_a_phrase_of_one_languages_stop_words_is_that_language_whatever_lingua_ranks_first(
        gate):
    """Issue 27: "er du en robot?" is too short for lingua's low-accuracy models (they rank
    Polish first), but three of its four words are Danish stop words. Half a message ("who
    plays han solo"), one stop word twice, letters alone ("u. s. d.") or words all of the
    English training examples are not enough; nor is it when the classifiers are sure."""
    for text in ("er du en robot?", "tu es un robot ?", "ben je een robot?"):
        assert parse(gate, text, "bot_challenge", 0.55) == OTHER_LANGUAGE, text
    assert gate._stop_word_phrase(words_of("er du en robot")) is not None  # German has them too
    for text in ("who plays han solo", "la la la", "u. s. d. to g. b. p.",
                 "tell me about data"):
        assert gate._stop_word_phrase(words_of(text)) is None, text
    assert parse(gate, "er du en robot?", "bot_challenge", 0.95) == "bot_challenge"


def test_a_short_message_of_no_english_word_with_a_foreign_stop_word_is_another_language(
        gate):
    """Issue 27: "hej hej" and "hei på deg" hold no English word and a stop word of another
    language; "read my todo list" ("todo" is Spanish), "sim card not working" and chat forms
    ("brb") hold English words, and a long message is left to the other rules."""
    for text in ("hej hej", "hei på deg"):
        assert gate._no_english_word(words_of(text)) is not None, text
        assert parse(gate, text, "greet", 0.7) == OTHER_LANGUAGE, text
    for text in ("read my todo list", "sim card not working", "brb", "hej hej hej hej hej"):
        assert gate._no_english_word(words_of(text)) is None, text


def test_out_of_scope_is_unsure_however_sure_the_classifiers_are(gate):
    """Issue 27: out_of_scope means the classifiers did not understand the message, even at
    0.94 ("hvordan blir været i morgen i oslo"); an English one stays out of scope."""
    assert parse(gate, "hvordan blir været i morgen i oslo", "out_of_scope",
                 0.94) == OTHER_LANGUAGE
    assert parse(gate, "what is the weather like in oslo tomorrow", "out_of_scope",
                 0.94) == "out_of_scope"
    assert parse(gate, "hvordan blir været i morgen i oslo", "ask_outlook", 0.94) == "ask_outlook"


def test_a_statistical_guess_of_an_entity_makes_no_short_message_english(gate):
    """Issue 27: the CRF tagger may call "çok teşekkürler" a role; a role a lookup found
    ("RN", "NYC?") keeps a short message as it was."""
    def short(extractor):
        message = Message(data={TEXT: "çok teşekkürler",
                                INTENT: {"name": "nlu_fallback", "confidence": 0.35},
                                "entities": [{"entity": "role", "value": "x", "start": 0,
                                              "end": 15, "extractor": extractor}]})
        gate.process([message])
        return message.get(INTENT)["name"]
    assert short("CRFEntityExtractor") == OTHER_LANGUAGE
    assert short("RoleMentionExtractor") == "nlu_fallback"


def test_a_typo_of_swapped_letters_keeps_a_short_message_english(gate):
    """Issue 27: "skilsl" is "skills" with two letters swapped, the commonest typo; a word of
    another language is no such typo of an English one."""
    assert parse(gate, "skilsl", "nlu_fallback", 0.3) == "nlu_fallback"
