"""A standard English stop-word list for ranking and highlighting.

The index keeps Whoosh's short list (`whoosh.analysis.STOP_WORDS`, 34 words), so a quoted phrase
still matches as written. Typed words outside quotes are also checked against this longer list
(the widely used NLTK English list, lower case, without the one-letter fragments it holds for
contractions), so words like "after" or "very" neither rank nor get highlighted, plus the
function words that list leaves out (the last list below): they say nothing about a topic, yet
being less common than "the" they weighed more than the words that did ("training on neglect
was patchy across agencies" ranked a review for saying "across"; "dad not around much" one for
saying "around").
"""

from __future__ import annotations

from whoosh.analysis import STOP_WORDS as INDEX_STOP_WORDS

from .analysis import stem

ENGLISH_STOP_WORDS: frozenset[str] = frozenset("""
i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she
her hers herself it its itself they them their theirs themselves what which who whom this that
these those am is are was were be been being have has had having do does did doing a an the and
but if or because as until while of at by for with about against between into through during
before after above below to from up down in out on off over under again further then once here
there when where why how all any both each few more most other some such no nor not only own same
so than too very can will just don should now d ll m o re ve y ain aren couldn didn doesn hadn
hasn haven isn ma mightn mustn needn shan shouldn wasn weren won wouldn
""".split()) | INDEX_STOP_WORDS | frozenset("""
across within without among amongst upon towards toward via per whether also could would might
must shall may cannot yet still even ever however though although unless whereas thus therefore
hence already quite rather perhaps almost else anyone someone everyone anybody somebody everybody
nobody anything something everything nothing around much many lot lots really enough several
every
""".split())  # noqa: SIM905 - a list people can read


# The most frequent verbs and adjectives of English at large (the top of the usual frequency lists),
# less those with a meaning of their own in case reviews ("die", "young", "low", "poor", "left",
# "looked" after, early "help", "meetings", "closed" cases, "falls" and "cuts"):
# they rank, but a small corpus's idf is no measure of their rarity. In 13 reviews a word one of
# them happens to use ("sure", "saying", "calls") weighed as much as "genogram"; the ranking
# (evaluation/evaluator.py) counts these as no rarer than a word a third of the documents use.
COMMON_STEMS: frozenset[str] = frozenset(stem(w) for w in """
say go get make know think take see come want use find give tell work call try ask need feel become
put mean keep let begin seem talk turn start show hear hold bring happen write provide sit stand
include continue set learn change lead understand watch follow stop create speak read allow add
spend grow open walk offer remember consider appear wait send expect build stay reach remain
suggest raise pass require decide pull
other new good great big small large different long little important bad real best right sure able
hard better strong possible whole free true full easy clear recent certain difficult available
short current wrong past fine common natural similar ready simple general various entire final
main nice huge
""".split())  # noqa: SIM905 - a list people can read

