package detect

import "math"

// chatWords are English chat abbreviations. Short notes on this platform
// are full of them, and lingua's models, trained on edited text, read
// "lol same" as Dutch and "omg yes" as Tagalog. Each one in a Latin
// segment is chatEvidence of English, on top of the n-grams.
var chatWords = map[string]struct{}{
	"lol": {}, "lmao": {}, "lmfao": {}, "rofl": {}, "omg": {}, "omfg": {}, "ty": {}, "tysm": {},
	"thx": {}, "idk": {}, "idc": {}, "tbh": {}, "btw": {}, "imo": {}, "imho": {}, "ngl": {},
	"smh": {}, "brb": {}, "rn": {}, "irl": {}, "pls": {}, "plz": {}, "wtf": {}, "asap": {},
	"fyi": {}, "omw": {}, "ikr": {}, "lmk": {}, "hbu": {}, "wyd": {}, "jk": {}, "ily": {},
	"tho": {}, "gonna": {}, "wanna": {}, "gotta": {}, "kinda": {}, "sorta": {}, "ur": {},
	"u": {}, "yall": {}, "fomo": {}, "iykyk": {}, "bff": {}, "dm": {}, "dms": {}, "pov": {},
}

// chatEvidence is the log-likelihood ratio one chat word adds for English:
// as much as a few letters of n-grams.
var chatEvidence = math.Log(1000)
