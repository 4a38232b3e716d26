// Command typowords writes the word lists that keep real words from being
// read as misspelled rule terms (rules_typo.go): every word of six letters
// or more, lowercased, in the sentences, single words and word pairs of
// lingua-go's test data (text from the Leipzig Corpora Collection,
// Apache-2.0 as distributed with lingua-go) and, for English, the English
// side of the Tatoeba test set (CC-BY-2.0-FR), one file per language of
// the rule files written in Latin script.
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
// as minTypoSwap (6) letters.
const minLetters = 6

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
		if lang == "en" {
			files = append(files, filepath.Join(*data, "langid/tatoeba/eng-zho.eng"))
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
		path := filepath.Join(*out, lang+".txt")
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
