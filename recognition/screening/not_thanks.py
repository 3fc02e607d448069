"""Messages that are not thanks: a complaint, a crime report, a safeguarding disclosure. The
submitter is told where to go instead (the complaints page, 101, 999) and the moderator sees why.

Each kind has strong patterns, flagged wherever they appear, which read as asking for something or
telling of something happening now ("I want to complain", "my car has just been stolen", "he hits
me"). Past events and cue words ("my car was stolen", "scammed", "unhappy") are flagged only in a
message that thanks no one: a thank-you is often about a past crime ("thank you for helping when my
car was stolen"). These are phrase heuristics: they catch the common wordings, not every one.
"""

import re
from collections.abc import Iterator

from .flags import Flag, FlagKind


def _compile(*patterns: str) -> re.Pattern:
    # Matched against lower-cased text: re.IGNORECASE makes these patterns three times slower.
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns))


_OFFICER = (
    r"(?:officers?|pcs?|policem[ae]n|policewom[ae]n|constables?|sergeants?|sgt|coppers?|call handlers?)"
)
_ME = r"(?:me|us|my (?:little |baby |big )?(?:kids|children|son|daughter|mum|mam|brother|sister|baby))"
_ABUSER = (
    r"(?:he|she|they|my (?:ex|ex-?partner|partner|husband|wife|boyfriend|girlfriend|dad|father|mum|mother"
    r"|step-?dad|step-?father|step-?mum|brother|sister|son|daughter|carer|uncle))"
)
_CHILD = r"(?:child|children|kids?|baby|son|daughter|grandchild|grandson|granddaughter|niece|nephew|boy|girl)"
_ABUSE_NOW = (
    r"(?:hits|beats|hurts|kicks|punches|slaps|chokes|strangles|threatens|controls|rapes|touches|abuses|locks"
    r"|hitting|beating|hurting|threatening|abusing)"
)
_BEING_HARMED = (
    r"(?:abused|hurt|beaten|hit|threatened|controlled|groomed|stalked|followed|exploited|trafficked)"
)
_CRIME = (
    r"(?:crime|theft|burglary|break-?in|assault|robbery|mugging|attack|fraud|scam|hate crime|harassment"
    r"|stalking|stolen|missing|drugs?|dealer|dealing|suspicious|incident)"
)
_SOMEONE = r"(?:someone|somebody|a man|a woman|people|they|he|she|thieves|burglars|kids|two men)"

# Thanks, and the praise that carries it ("the police were brilliant when my shop was robbed").
_GRATITUDE = _compile(
    r"\b(?:thank|thanks|thankyou|thx|grateful|gratitude|appreciat\w*|cheers|diolch|kudos|well done"
    r"|owe you|bless you|saved (?:my|our|his|her|their) li(?:fe|ves)|brilliant|amazing|fantastic|wonderful"
    r"|superb|excellent|outstanding|legends?|heroe?s?|lifesaver|credit to|above and beyond|shout ?out"
    r"|great|lovely|kind|helpful|stars?|made my day|couldn't have done it without you)\b"
)
_SARCASM = _compile(
    r"\b(?:thanks?|cheers|ta) (?:a lot |very much |so much |again )?for (?:nothing|absolutely nothing|bugger all|sod all)\b",
    r"\bno thanks to\b|\bdiolch am ddim\b|\bsome heroes\b|\bwhat heroes\b|\bcheers for (?:that|turning up)\b",
)

STRONG = {
    FlagKind.COMPLAINT: _compile(
        r"\b(?:make|making|raise|file|lodge|submit|put in)\s(?:a\s|an\s)?(?:formal\s|official\s)?complaint\b",
        r"\b(?:want|wish|like|need|going|have|writing)\sto\scomplain\b",
        r"\bhow (?:do|can) i complain\b|\bwho (?:do|can|should) i complain to\b",
        r"\bthis is a complaint\b|\bformal complaint\b|\bprofessional standards\b",
        rf"\breport(?:ing)? (?:the|this|that|an|your|these|those) {_OFFICER}\b",
        _SARCASM.pattern,
        r"\b(?:disgusting|appalling|shocking|shameful|terrible|awful|pathetic|disgraceful)"
        r" (?:service|treatment|behaviour|attitude|response)\b",
        # "the officer (who came) was (so) rude"
        rf"\b{_OFFICER}(?: (?:who|that)(?: [\w']+){{1,5}}?)? (?:was|were|is|are)"
        r" (?:so |very |really |extremely |incredibly |quite )?(?:rude|unprofessional|aggressive|dismissive"
        r"|useless|arrogant|racist|sexist|condescending|patronising|patronizing|a disgrace)\b",
        rf"\brude {_OFFICER}\b",
    ),
    FlagKind.CRIME_REPORT: _compile(
        r"\b(?:want|wish|like|need|trying|how do i|how can i|where do i|where can i)\s(?:to\s)?report"
        rf" (?:a |an |the |my |this |some |that )?(?:{_CRIME}|car|vehicle|bike|neighbour|man|woman|person"
        r"|someone|somebody|him|them)\b",
        r"\bthis is (?:a|an) (?:crime report|emergency)\b|\bi am reporting\b|\bi'm reporting\b",
        r"\b(?:has|have|'s|'ve)\s(?:just\s)?been\s(?:stolen|broken into|burgled|robbed|vandalised|vandalized"
        r"|nicked|set on fire)\b",
        r"\b(?:there's|there is|there are) (?:a |an |some |two |three )?"
        r"(?:man|men|woman|people|person|someone|somebody|lads|kids|group|gang)\b"
        r"(?:\s[\w']+){0,3}?\s(?:outside|in|at) (?:my|our)\b",
        rf"\b(?:{_SOMEONE}|there's someone|there is someone) (?:is|are|'s|'re)"
        r"\s(?:currently\s|now\s|still\s)?(?:breaking in|breaking into|trying to break|stealing|dealing"
        r"|selling drugs|following me|outside my (?:house|home|door|flat)|in my garden)",
        r"\b(?:please|can you|could you|can someone|could someone)\s(?:send (?:someone|an officer|officers"
        r"|help|a car|the police)|come (?:round|out|quickly|now|straight away)|investigate|arrest"
        r"|look into it|do something about)",
        r"\bnobody has been (?:caught|arrested)\b|\bhaven't caught (?:him|her|them|anyone)\b",
    ),
    FlagKind.SAFEGUARDING: _compile(
        rf"\b{_ABUSER}\s(?:still\s|keeps?\s|always\s|often\s|sometimes\s)?{_ABUSE_NOW}\s{_ME}\b",
        rf"\b{_ABUSER}\s(?:is|'s)\s(?:going to|gonna)\s(?:kill|hurt)\s(?:me|us|the kids|my)\b",
        r"\b(?:i'm|i am|i feel|i'm feeling|i get|we're|we are)\s(?:so\s|too\s|really\s|very\s)?"
        r"(?:scared|afraid|frightened|terrified)\s(?:to go home|to go back|of (?:him|her|my \w+)|for my life"
        r"|to leave|he'll|she'll)",
        r"\b(?:not safe|don't feel safe|do not feel safe)\s(?:at home|to go home|in my (?:own )?home"
        r"|with him|with her)\b|\bi don't feel safe\b",
        r"\b(?:i|i'm going to|i am going to|i want to|i wanna|i might|i will|i'll|going to)"
        r"\s(?:kill|hurt|harm)\smyself\b",
        r"\bi (?:just )?want to die\b",
        r"\b(?:want|going|planning|thinking about)\s(?:to\s)?end(?:ing)?\s(?:it all|my life|my own life)\b",
        r"\b(?:i'm|i am|i feel|feeling)\s(?:so\s|really\s|very\s)?suicidal\b",
        r"\bi (?:can't|cannot|can not) go on\b|\bwant (?:it all|everything|it) to end\b",
        r"\bbetter off without me\b|\bi don't want to (?:be here|live|wake up)\b",
        r"\bno (?:reason|point) (?:to live|in living|going on)\b",
        r"\b(?:i|i've been|i have been|i'm|i am|i keep|still)\s(?:self[- ]?harm(?:ing)?|cutting myself)\b",
        rf"\b(?:i'm|i am) being {_BEING_HARMED}\b",
        rf"\b{_CHILD}(?:\s[\w-]+){{0,3}}\s(?:is|are|'s)\s(?:not safe|at risk|in danger"
        r"|being (?:abused|hurt|neglected|hit|beaten|groomed|exploited))\b",
        rf"\b{_CHILD}\s(?:isn't|aren't)\ssafe\b",
        r"\bhelp me(?: please)?,? (?:he|she)(?:'s| is) (?:here|outside|coming)\b",
        # "he says if I tell anyone he will hurt my kids"
        r"\b(?:he|she|they)\s(?:says?|said|threatens?|threatened|told me)\s(?:[\w']+\s){0,6}?"
        r"(?:he|she|they)?\s?(?:will|'ll|is going to|are going to|gonna)\s(?:hurt|kill|harm|take)\b",
        rf"\b(?:hits|beats|punches|kicks|slaps|chokes|strangles|rapes)\s{_ME}\b",
        r"\b(?:asking|asked|asks|wants|keeps telling|told) me to (?:send|share) (?:him |them |her )?"
        r"(?:pictures|photos|pics|nudes|images|videos)\b",
        r"\b(?:i'm|i am|we're|we are)\s(?:really\s|so\s|very\s)?(?:worried|concerned)\sabout"
        rf"\s(?:(?:the|a|my|our|his|her|their|those|these)\s)?(?:{_CHILD}|little)",
        r"\b(?:always|often|regularly|keeps? being) left (?:alone|on (?:their|his|her) own|home alone)\b",
    ),
}

# Distress as people write it without the words "suicide" or "kill myself": the warning signs that
# crisis lines train for (being a burden, no way out, saying goodbye, giving things away, saving up
# tablets, voices), in the present tense, since a thank-you often tells of a crisis that is over.
_DISTRESS = _compile(
    r"\b(?:won't|wont|will not|not gonna|ain't gonna|not going to) be (?:around|here) (?:much )?(?:longer|for long"
    r"|much more|next (?:week|month|year))\b",
    r"\b(?:every ?one|everybody|they|my (?:family|kids|wife|husband|partner)|the world)(?:'d| would| will)? be better"
    r" off (?:without me|if i (?:was|were)n't|if i wasnt|if i was gone|when i'm gone)\b",
    r"\b(?:i'm|i am|im|i feel like) (?:just )?(?:a|such a) (?:burden|waste of space)\b",
    r"\b(?:saving|stockpiling|hoarding|collecting|been saving) (?:up )?(?:my |all my |me )?(?:tablets|pills|meds"
    r"|medication|paracetamol)\b",
    r"\b(?:can't|cant|cannot|can not) (?:do this|take (?:it|this)|cope|carry on|keep going)(?: any ?more| much"
    r" longer)\b",
    r"\b(?:not sure|don't know|dont know|do not know|no idea)\s(?:if|how|how much longer|how long)\s(?:[\w']+\s){0,3}?"
    r"(?:can |could )?(?:keep going|go on|cope|carry on|hold on|take (?:it|this|much more))\b",
    r"\b(?:i'm|i am|im)\s(?:so\s|really\s)?(?:done with (?:it all|everything|life)|at the end of my (?:tether|rope))\b",
    r"\b(?:there's|there is|i see|i've got|theres) no (?:way out|point (?:anymore|any more|in (?:anything|trying)))\b",
    r"\bnothing (?:left )?to live for\b|\b(?:tired|sick) of (?:living|being alive|life)\b",
    r"\b(?:go to sleep|sleep) and (?:never|not) wake up\b|\bwish i (?:was|were|wasn't|weren't) (?:dead|here|born|alive)\b",
    r"\b(?:giving|given|gave) (?:away )?(?:all )?my (?:things|stuff|belongings) away\b|\bgiving away my\b",
    r"\b(?:this is|consider this) (?:my )?(?:goodbye|good bye|last message)\b|\bsaying my goodbyes\b",
    r"\bthe (?:thoughts|voices) (?:are|keep) (?:getting )?(?:louder|worse|telling me)\b",
    r"\b(?:written|wrote|writing|left) (?:a |my )?(?:note|letters?) for (?:my|the) (?:kids|family|mum|children)\b",
    r"\b(?:end|ending) (?:it|things) (?:all|tonight|soon|this week)\b",
    # Welsh: "dw i ddim eisiau byw", "lladd fy hun", "gwell hebdda i", "mae arna i ofn mynd adre".
    r"\b(?:dw i|dwi|dydw i|dwi'n|rwy'n|rydw i)\s?(?:ddim|ddim yn)\s(?:eisiau|isio|moyn|isie) byw\b",
    r"\b(?:lladd|niweidio|brifo) fy hun\b|\bhunanladdiad\b|\bhunan-?niweidio\b",
    r"\bgwell (?:hebdda i|hebddo i|heb fi)\b|\b(?:ofn|arna i ofn) (?:mynd )?(?:adre|adref|gartre|gartref)\b",
    r"\bmae (?:e|o|hi|fe|fo)'?n (?:fy (?:nharo|mrifo|mwrw|mygwth|rheoli)|bygwth)\b",
    r"\b(?:ddim yn ddiogel|dim yn saff) (?:adre|adref|gartre|gartref|gyda fe|gyda fo|gyda hi)\b",
)
# Coercive control and abuse of the old and the young, as victims describe them.
_CONTROL = _compile(
    r"\b(?:he|she|my (?:partner|husband|wife|boyfriend|girlfriend|ex))\s(?:checks|goes through|reads|tracks|monitors)"
    r" (?:my|all my) (?:phone|messages|texts|location|emails|bank)\b",
    r"\b(?:he|she|they)\s(?:won't|wont|doesn't|does not|don't) let me (?:see|go|leave|have|talk|out|work|use)\b",
    r"\b(?:he|she|they)\s(?:takes|took|has taken|keeps|controls) (?:all )?(?:my|her|his|mum's|dad's|nan's|gran's)"
    r" (?:money|wages|bank card|card|pension|benefits)\b",
    r"\b(?:taking|taken|took|spending|using|emptying|emptied) (?:all )?(?:my |her |his )?(?:mum's|dad's|nan's|gran's"
    r"|grandad's|grandma's|granny's|mother's|father's) (?:money|pension|savings|bank card|card)\b",
    r"\b(?:left|leaves|leave) (?:the |her |his |their |my )?(?:kids|children|baby|toddler|little ones?|\d+ year old)"
    r" (?:alone|on (?:their|his|her) own|home alone|by themselves|by (?:him|her)self)\b",
    r"\b(?:kids|children|baby|little ones?)\s(?:are|were|is|was)\s(?:left )?(?:home )?alone\s(?:again|every|all"
    r"|most|at night|till|until)\b",
    r"\b(?:keeps|kept|still|is|has been|'s been)\s(?:turning up|waiting|sitting|parked) outside (?:my|our) "
    r"(?:house|home|work|flat|school)\b",
    r"\b(?:he|she|they)\s(?:knows|found out) where i (?:live|work|am)\b|\bfollowing me (?:home|everywhere|again)\b",
)

# Words that tell what a message is about once it thanks no one: past events, and cues. Crimes told
# in the past tense are left to the learned layer (semantic.py), which tells a thank-you for help
# after a burglary from a report of one better than any list of verbs did.
WITHOUT_THANKS = {
    FlagKind.COMPLAINT: _compile(
        r"\bnever (?:came|turned up|showed up|arrived|called back|rang back|got back)\b",
        r"\bno ?(?:one|body) (?:came|turned up|showed up|called back|rang back)\b",
        r"\bstill waiting\b|\b(?:waited|been waiting) (?:\w+ ){0,3}(?:hours|days|weeks|months)\b",
        r"\bnot good enough\b|\bdidn't (?:even )?bother\b|\bno ?(?:one|body) (?:ever )?(?:come|came)\b",
        r"\b(?:useless|incompetent|unprofessional|disgrace(?:ful)?|shambles)\b",
        r"\bcomplain(?:t|ts|ed|ing)?\b",
        r"\b(?:unhappy|disappointed|unacceptable|pathetic|appalling|disgust\w*|rude|apology|apologise)\b",
        r"\blaughed at (?:me|us)\b|\bignored (?:me|us)\b|\bsenior officer\b|\btypical police\b",
        r"\bwasting (?:police|your|my|our) time\b",
    ),
    FlagKind.SAFEGUARDING: _compile(
        rf"\b{_ABUSER}\s(?:hit|beat|hurt|kicked|punched|strangled|choked|raped|abused|touched)\s{_ME}\b",
        r"\b(?:domestic (?:abuse|violence)|coercive control"
        r"|abusive (?:partner|relationship|husband|wife|boyfriend|girlfriend|ex))\b",
        r"\bsuicid(?:e|al)\b|\bself[- ]?harm\w*\b|\boverdose\b|\bkill myself\b",
        r"\b(?:end|ending|ended|take|taking|took) (?:my own life|my life)\b|\bgroom(?:ed|ing)\b",
        r"\b(?:took|taken|swallowed|taking)\s(?:[\w']+\s){0,3}?(?:tablets|pills|paracetamol)\b",
        r"\b(?:frightened|scared|afraid|terrified) (?:of (?:him|her|them|what (?:he|she|they))|he'll|she'll)",
        r"\b(?:hurting|abusing|beating|hitting) (?:them|him|her|me|us)\b|\bbruises\b|\bneglect(?:ed)?\b",
        r"\bbetter off (?:if i|without me|dead)\b|\bi wasn't here\b|\bhaven't eaten\b",
    ),
}


# Welsh: complaints ("rwyf am gwyno", "diolch am ddim byd", "ddaeth neb") and crime reports
# ("wedi dwyn", "torri i mewn", "dewch yn gyflym").
WELSH = {
    FlagKind.COMPLAINT: _compile(
        r"\b(?:am|eisiau|isio|moyn|rhaid i mi) (?:gwyno|cwyno|gwneud cwyn)\b|\bcwyn (?:ffurfiol|swyddogol)\b",
        r"\bddaeth neb\b|\bneb wedi dod\b|\bbyth wedi (?:dod|ffonio)\b|\b(?:cywilydd|gwarthus|anobeithiol)\b",
    ),
    FlagKind.CRIME_REPORT: _compile(
        r"\b(?:wedi (?:dwyn|torri i mewn|ymosod)|wedi'?i (?:ddwyn|dwyn)|yn (?:gwerthu|delio) cyffuriau)\b",
        r"\b(?:(?:plis |plîs )?dewch (?:yn gyflym|ar frys|nawr|rŵan|rwan|ar unwaith)|anfonwch (?:rywun|heddlu))\b|\b(?:mae|mae 'na) (?:rhywun|dyn|dynion) (?:tu allan|yn yr ardd)\b",
    ),
}


def lower_in_place(text: str) -> str:
    """Lower case, one character for one, so offsets into it are offsets into `text`; a curly
    apostrophe reads as a straight one."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(char if len(char.lower()) != 1 else char.lower() for char in text)
    return lowered.replace("\u2019", "'")


def find_not_thanks(text: str) -> Iterator[Flag]:
    text = lower_in_place(text)
    for kind, pattern in STRONG.items():
        yield from (Flag(kind, *match.span()) for match in pattern.finditer(text))
    for pattern in (_DISTRESS, _CONTROL):
        yield from (Flag(FlagKind.SAFEGUARDING, *match.span()) for match in pattern.finditer(text))
    yield from (
        Flag(kind, *match.span()) for kind, pattern in WELSH.items() for match in pattern.finditer(text)
    )
    if _GRATITUDE.search(_SARCASM.sub(" ", text)):
        return
    for kind, pattern in WITHOUT_THANKS.items():
        yield from (Flag(kind, *match.span()) for match in pattern.finditer(text))


def is_grateful(text: str) -> bool:
    """Whether `text` says thank you or praises someone, sarcasm aside."""
    return bool(_GRATITUDE.search(_SARCASM.sub(" ", lower_in_place(text))))
