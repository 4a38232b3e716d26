// Command typowords writes the word lists that keep real words from being
// read as misspelled rule terms (rules_typo.go): every word of five letters
// or more, lowercased, in the sentences, single words and word pairs of
// lingua-go's test data (text from the Leipzig Corpora Collection,
// Apache-2.0 as distributed with lingua-go) and, for English and Spanish,
// their sides of the Tatoeba test sets (CC-BY-2.0-FR), one file per
// language of the rule files written in Latin script. Words already in a
// list (some added by hand) are kept.
//
// Run from the repository root, with the shared evaluation data beside it:
//
//	go run ./stages/moderate/internal/typowords -data ../shared/evaldata -out stages/moderate/typowords
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// minLetters is the shortest word kept: a misspelling is at least as long
// as minTypoKey (5) letters.
const minLetters = 5

func main() {
	data := flag.String("data", "../shared/evaldata", "the shared evaluation data")
	out := flag.String("out", "stages/moderate/typowords", "folder of the word lists")
	flag.Parse()
	for _, lang := range []string{"de", "en", "es", "fr", "pt"} {
		files := []string{
			filepath.Join(*data, "langid/lingua/sentences", lang+".txt"),
			filepath.Join(*data, "langid/lingua/single-words", lang+".txt"),
			filepath.Join(*data, "langid/lingua/word-pairs", lang+".txt"),
		}
		switch lang {
		case "en":
			files = append(files, filepath.Join(*data, "langid/tatoeba/eng-zho.eng"),
				filepath.Join(*data, "translation/tatoeba/eng-jpn.eng"),
				filepath.Join(*data, "translation/tatoeba/eng-kor.eng"),
				filepath.Join(*data, "translation/tatoeba/eng-spa.eng"))
		case "es":
			files = append(files, filepath.Join(*data, "translation/tatoeba/eng-spa.spa"))
		}
		path := filepath.Join(*out, lang+".txt")
		// Words added to the list by hand stay: the list read before is
		// one of the sources.
		if _, err := os.Stat(path); err == nil {
			files = append(files, path)
		}
		words := map[string]bool{}
		for _, f := range files {
			if err := addWords(f, words); err != nil {
				fmt.Fprintln(os.Stderr, "typowords:", err)
				os.Exit(1)
			}
		}
		list := make([]string, 0, len(words))
		for w := range words {
			list = append(list, w)
		}
		slices.Sort(list)
		if err := os.WriteFile(path, []byte(strings.Join(list, "\n")+"\n"), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "typowords:", err)
			os.Exit(1)
		}
		fmt.Printf("%s: %d words\n", path, len(list))
	}
}

// addWords adds the words of the file at path: runs of letters, lowercased,
// of minLetters or more, spelled correctly (no U+FFFD of a broken encoding).
func addWords(path string, words map[string]bool) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		for _, w := range strings.FieldsFunc(sc.Text(), func(r rune) bool { return !unicode.IsLetter(r) }) {
			if utf8.RuneCountInString(w) >= minLetters && !strings.ContainsRune(w, utf8.RuneError) {
				words[strings.ToLower(w)] = true
			}
		}
	}
	return sc.Err()
}
