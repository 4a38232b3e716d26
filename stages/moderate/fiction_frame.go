package moderate

import (
	"strings"
	"unicode/utf8"

	"github.com/notegate/notegate/models"
)

// A work of fiction talked about: "Assisti Cidade de Deus de novo. A cena
// do menino tendo que escolher levar tiro na mão ou no pé ainda me
// destrói", 北野武の『アウトレイジ』やっと観た。…殺し合いがエグいけど最高だった.
// The violence is the film's, book's or series', told by someone who
// watched or read it. A violence finding in a field that says so (a verb
// of watching or reading and a work named, or a title in 『』《》 with
// either) is capped like reported speech, unless its sentence addresses
// someone (secondPersonMarkers: "watched John Wick, you're next"), or, in a
// text longer than a comment, its own sentence does not tell of the work,
// or the finding praises an attack (a rule of the praise families: a massacre
// admired "like in the documentary" is still glorified).

// fictionVerbs say the author watched or read something, folded.
var fictionVerbs = newTermSet(foldTerms([]string{
	"watched", "rewatched", "just watched", "finished watching", "binged", "binge-watched", "read the book", "finished reading",
	"assisti", "assistimos", "reassisti", "maratonei", "li o livro", "terminei de ler",
	"vi la película", "vi la peli", "vimos la", "volví a ver", "terminé de ver", "leí el libro", "terminé de leer",
	"j'ai vu", "j'ai revu", "j'ai regardé", "on a regardé", "j'ai lu", "j'ai fini",
	"gesehen", "geguckt", "angeschaut", "angesehen", "gelesen",
	"観た", "見た", "観てきた", "見てきた", "読んだ", "看了", "看完", "刷完", "刷了", "读完", "看到第",
	"봤다", "봤어", "봤는데", "봤습니다", "봤음", "읽었",
}))

// fictionWorks name a work of fiction, folded. Not a scene (a crime has
// one) nor a documentary or a trailer: a real attack's video is watched and
// rewatched by those who glorify it.
var fictionWorks = newTermSet(foldTerms([]string{
	"movie", "film", "films", "series", "episode", "season finale", "novel", "manga", "anime", "sitcom",
	"filme", "série", "episódio", "romance", "novela",
	"película", "peli", "serie", "episodio",
	"épisode", "roman",
	"folge", "staffel", "kino",
	"映画", "ドラマ", "アニメ", "漫画", "小説", "电影", "电视剧", "剧情", "动漫", "小说",
	"영화", "드라마", "웹툰", "소설",
}))

// fictionFrame reports whether the field tells of a work of fiction the
// author watched or read.
func fictionFrame(t *Text) bool {
	f := t.Folded.String()
	verb, work := fictionVerbs.anyTerm(f), fictionWorks.anyTerm(f)
	title := strings.ContainsAny(t.Original, "『《")
	return verb && work || title && (verb || work)
}

// capFictionViolence: violence told of a film, a series or a book
// (fiction_frame.go).
func capFictionViolence(t *Text, source string, x *Finding, _ *[]Span) {
	if x.Category != models.CategoryViolence || x.Score <= reportedScoreCap || x.Span.End <= x.Span.Start || x.Span.End > len(t.Original) ||
		!(source == "lexicon" || source == "rules" || fromClassifier(source)) {
		return
	}
	if strings.Contains(x.Rule, "praise") || strings.Contains(x.Rule, "glorif") || !fictionFrame(t) {
		return
	}
	lo, hi := sentenceAround(t.Original, x.Span.Start, x.Span.End)
	sentence := foldedBefore(t, lo, hi)
	if containsPersonAny(sentence, secondPersonMarkers) {
		return
	}
	// A long text may name a film in one place and mean harm in another:
	// there the finding's own sentence must tell of the work.
	if utf8.RuneCountInString(t.Original) > maxBanterRunes && !fictionWorks.anyTerm(sentence) &&
		!fictionVerbs.anyTerm(sentence) && !strings.ContainsAny(t.Original[lo:hi], "『《") {
		return
	}
	x.Score = reportedScoreCap
}

// capFictionSelfHarm: the intent models' self_harm over a work's story
// told by a reader who says nothing of themselves (round 29: 《活着》看完哭了
// 一整晚，福贵失去了所有亲人还是要活下去). A reader who puts themselves in it
// ("看完《…》我也想离开") speaks in the first person and keeps the finding;
// the rules and the word lists keep theirs.
func capFictionSelfHarm(t *Text, source string, x *Finding, _ *[]Span) {
	if x.Category == models.CategorySelfHarm && x.Score > reportedScoreCap && fromClassifier(source) && fictionFrame(t) &&
		!saysFirstPerson(t.Folded.String()) {
		x.Score, x.Support = reportedScoreCap, false
	}
}
