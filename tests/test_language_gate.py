"""The language gate (nlu_components/language_gate.py) on its own: scripts, the vocabulary of
the training examples, lingua's verdict, and how it relabels the classifiers' output."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu_components.language_gate import OTHER_LANGUAGE, LanguageGate, other_script, words_of
from nlu_components.language_words import wordfreq_file, zipf_frequencies

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
    # sure, it is another language only by its stop and common words: "hvordan", "blir"
    assert parse(gate, "hvordan blir været i morgen i oslo", "ask_outlook",
                 0.94) == OTHER_LANGUAGE
    assert parse(gate, "what is the weather like in oslo tomorrow", "ask_outlook",
                 0.94) == "ask_outlook"


def test_a_statistical_guess_of_an_entity_makes_no_short_message_english(gate):
    """Issue 27: the CRF tagger may call "çok teşekkürler" a role; a role a lookup found
    ("RN", "NYC?") keeps a short message as it was."""
    def short(extractor, text="çok teşekkürler", end=15):
        message = Message(data={TEXT: text,
                                INTENT: {"name": "nlu_fallback", "confidence": 0.35},
                                "entities": [{"entity": "role", "value": "x", "start": 0,
                                              "end": end, "extractor": extractor}]})
        gate.process([message])
        return message.get(INTENT)["name"]
    assert short("CRFEntityExtractor") == OTHER_LANGUAGE
    assert short("RoleMentionExtractor", "RN teşekkürler", 2) == "nlu_fallback"
    assert short("RoleMentionExtractor") == "nlu_fallback"  # a role is a name (see below)


def test_a_typo_of_swapped_letters_keeps_a_short_message_english(gate):
    """Issue 27: "skilsl" is "skills" with two letters swapped, the commonest typo; a word of
    another language is no such typo of an English one."""
    assert parse(gate, "skilsl", "nlu_fallback", 0.3) == "nlu_fallback"


def test_wordfreq_lists_are_read_without_importing_wordfreq():
    """Zipf frequencies straight from wordfreq's data files (installed with --no-deps)."""
    english = zipf_frequencies("en")
    assert 7.5 < english["the"] < 8.0 and 3.5 < english["robot"] < 5.0
    assert "skils" not in english
    top = zipf_frequencies("sv", top=50)
    assert 50 <= len(top) < 80 and "är" in top and min(top.values()) > 5.0
    with pytest.raises(FileNotFoundError):
        wordfreq_file("xx")


def test_common_words_of_each_language_complete_spacys_stop_words(gate):
    """Issue 27: spaCy's Swedish list has no "är", its Indonesian list no "ya", its Danish list
    no "morgen": wordfreq's most frequent words of each language, clearly rarer in English,
    count as stop words. Words as frequent in English ("robot", "data", "ok") do not."""
    assert "är" in gate.common_words["SWEDISH"] and "ya" in gate.common_words["INDONESIAN"]
    assert "ba" in gate.common_words["TAGALOG"] and "morgen" in gate.common_words["DANISH"]
    for word in ("robot", "data", "ok", "job", "the"):
        assert all(word not in words for words in gate.common_words.values()), word
    for text in ("är du en robot?", "kamu robot ya?", "robot ka ba?"):
        assert parse(gate, text, "bot_challenge", 0.58) == OTHER_LANGUAGE, text
    assert parse(gate, "god morgen", "greet", 0.73) == OTHER_LANGUAGE
    assert parse(gate, "are you a robot?", "bot_challenge", 0.58) == "bot_challenge"
    assert parse(gate, "good morning", "greet", 0.73) == "greet"
    # the classifiers sure: a question mostly of French words, lingua sure it is not English
    assert parse(gate, "comment faire un bon CV pour un job étudiant", "praise",
                 0.71) == OTHER_LANGUAGE
    assert parse(gate, "how do i write a good CV for a student job", "ask_tips",
                 0.71) == "ask_tips"


def test_an_entity_found_in_words_of_another_language_is_no_english(gate):
    """Issue 27: a typo matcher reads the Italian "certo" as a topic; an entity found only in
    stop or common words of another language, none English, keeps no short message English,
    while one found in English or a name ("RN", "Texas") does."""
    def short(text, start, end, entity="topic"):
        message = Message(data={TEXT: text, INTENT: {"name": "ask_education", "confidence": 0.35},
                                "entities": [{"entity": entity, "value": "education",
                                              "start": start, "end": end,
                                              "extractor": "RoleMentionExtractor"}]})
        gate.process([message])
        return message.get(INTENT)["name"]
    assert short("sì certo", 3, 8) == OTHER_LANGUAGE
    assert short("RN pay", 0, 2) == "ask_education"
    assert short("guten Tag", 6, 9) == "ask_education"  # "tag" is English too
    # a skill's name is a name, whatever it means in Italian ("scala": staircase)
    assert "scala" in gate.common_words["ITALIAN"]
    assert short("Scala", 0, 5, entity="skill") == "ask_education"


def test_further_down_a_languages_list_only_words_of_no_english_count(gate):
    """Issue 27: down to the 3,000 most frequent words, a word rarer in English counts when it
    is no English word at all ("alsjeblieft", rank 1,928 in Dutch); "hallo" (an English word
    too) counts in German, where it is among the first 1,000, not in Dutch (rank 1,293), where
    it would make an English greeting Dutch."""
    assert "alsjeblieft" in gate.common_words["DUTCH"]
    assert "hallo" in gate.common_words["GERMAN"] and "hallo" not in gate.common_words["DUTCH"]
    assert parse(gate, "help alsjeblieft", "ask_capabilities", 0.73) == OTHER_LANGUAGE
    assert parse(gate, "hallo", "greet", 0.35) == "greet"


def test_the_words_of_a_name_are_no_words_of_another_language(gate):
    """Issue 27: "Terre Haute" is two French common words, but a place: "and in Terre Haute",
    which the classifiers are sure of, stays English; the words around a name still tell the
    language ("combien gagne un plombier à Montréal")."""
    def located(text, place, intent, confidence):
        start = text.index(place)
        message = Message(data={TEXT: text, INTENT: {"name": intent, "confidence": confidence},
                                "entities": [{"entity": "location", "value": place,
                                              "start": start, "end": start + len(place),
                                              "extractor": "SpacyEntityExtractor"}]})
        gate.process([message])
        return message.get(INTENT)["name"]
    assert gate.language_of("and in Terre Haute", classifiers_sure=True) == "FRENCH"
    assert located("and in Terre Haute", "Terre Haute", "inform_location", 0.89) == (
        "inform_location")
    assert located("combien gagne un plombier à Montréal", "Montréal", "ask_salary",
                   0.9) == OTHER_LANGUAGE
