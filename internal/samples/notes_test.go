package samples

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/notegate/notegate/models"
)

func TestNotes(t *testing.T) {
	t.Parallel()
	notes, err := Notes()
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) < 100 {
		t.Fatalf("only %d events, want about 120", len(notes))
	}

	t.Run("every event has an id and a version of at least one", func(t *testing.T) {
		t.Parallel()
		for i, n := range notes {
			if n.NoteID == "" || n.Version < 1 {
				t.Errorf("line %d: note_id %q version %d", i+1, n.NoteID, n.Version)
			}
			if n.Type != "" && n.Type != models.EventUpserted && n.Type != models.EventDeleted {
				t.Errorf("line %d: unknown type %q", i+1, n.Type)
			}
			if n.Market != "intl" && n.Market != "cn" {
				t.Errorf("line %d: market %q", i+1, n.Market)
			}
		}
	})

	t.Run("versions of one note increase in file order", func(t *testing.T) {
		t.Parallel()
		last := map[string]int64{}
		for i, n := range notes {
			if v, ok := last[n.NoteID]; ok && n.Version <= v {
				t.Errorf("line %d: %s version %d after %d", i+1, n.NoteID, n.Version, v)
			}
			if _, ok := last[n.NoteID]; !ok && n.Version != 1 {
				t.Errorf("line %d: %s first appears with version %d", i+1, n.NoteID, n.Version)
			}
			last[n.NoteID] = n.Version
		}
	})

	t.Run("comments point at a note published earlier", func(t *testing.T) {
		t.Parallel()
		kind := map[string]models.Kind{}
		for i, n := range notes {
			if n.Type == models.EventDeleted {
				continue
			}
			switch n.Kind {
			case models.KindComment:
				if k, ok := kind[n.ParentID]; !ok || k != models.KindNote {
					t.Errorf("line %d: comment %s has parent %q, kind %q", i+1, n.NoteID, n.ParentID, k)
				}
				if n.Title != "" {
					t.Errorf("line %d: comment %s has a title", i+1, n.NoteID)
				}
			case models.KindNote:
				if n.ParentID != "" {
					t.Errorf("line %d: note %s has parent %q", i+1, n.NoteID, n.ParentID)
				}
			default:
				t.Errorf("line %d: kind %q", i+1, n.Kind)
			}
			kind[n.NoteID] = n.Kind
		}
	})

	t.Run("upserts have text and a January 2025 timestamp", func(t *testing.T) {
		t.Parallel()
		from := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		to := from.AddDate(0, 1, 0)
		for i, n := range notes {
			if n.Type == models.EventDeleted {
				if n.Body != "" || n.Title != "" {
					t.Errorf("line %d: deletion carries text", i+1)
				}
				continue
			}
			if n.Title == "" && n.Body == "" && len(n.Tags) == 0 {
				t.Errorf("line %d: %s has no text", i+1, n.NoteID)
			}
			if n.CreatedAt.Before(from) || !n.CreatedAt.Before(to) {
				t.Errorf("line %d: created_at %s", i+1, n.CreatedAt)
			}
		}
	})

	t.Run("edits keep the creation time", func(t *testing.T) {
		t.Parallel()
		created := map[string]time.Time{}
		for i, n := range notes {
			if n.Type == models.EventDeleted {
				continue
			}
			if c, ok := created[n.NoteID]; ok && !c.Equal(n.CreatedAt) {
				t.Errorf("line %d: %s created_at moved from %s to %s", i+1, n.NoteID, c, n.CreatedAt)
			}
			created[n.NoteID] = n.CreatedAt
		}
	})

	t.Run("the set has edits, deletions, comments and both markets", func(t *testing.T) {
		t.Parallel()
		var edits, deletions, comments int
		markets := map[string]int{}
		for _, n := range notes {
			switch {
			case n.Type == models.EventDeleted:
				deletions++
			case n.Version > 1:
				edits++
			}
			if n.Kind == models.KindComment && n.Version == 1 {
				comments++
			}
			markets[n.Market]++
		}
		if edits < 3 || deletions < 1 || comments < 20 || markets["cn"] < 30 || markets["intl"] < 30 {
			t.Errorf("edits %d, deletions %d, comments %d, markets %v", edits, deletions, comments, markets)
		}
	})
}

func TestNotesHaveOnlyFictionalPhoneNumbers(t *testing.T) {
	t.Parallel()
	notes, err := Notes()
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range notes {
		for _, m := range realLookingNumbers(n.Title + "\n" + n.Body + "\n" + strings.Join(n.Tags, " ")) {
			t.Errorf("line %d: %q looks like a real phone number", i+1, m)
		}
	}
}

var (
	phoneLike      = regexp.MustCompile(`\+?[0-9０-９][0-9０-９ \-]{5,}[0-9０-９]`)
	fictionalPhone = regexp.MustCompile(`^(1)?55501[0-9]{2}$|^13800138000$`)
)

// realLookingNumbers returns the runs of seven or more digits in text that
// are not the fictional 138 0013 8000 or 555-0100…0199.
func realLookingNumbers(text string) []string {
	var out []string
	for _, m := range phoneLike.FindAllString(text, -1) {
		d := strings.Map(func(r rune) rune {
			switch {
			case r >= '0' && r <= '9':
				return r
			case r >= '０' && r <= '９':
				return r - '０' + '0'
			}
			return -1
		}, m)
		if len(d) >= 7 && !fictionalPhone.MatchString(d) {
			out = append(out, m)
		}
	}
	return out
}

func TestRawMatchesNotes(t *testing.T) {
	t.Parallel()
	notes, err := Notes()
	if err != nil {
		t.Fatal(err)
	}
	raw := Raw()
	if len(raw) != len(notes) {
		t.Fatalf("%d raw lines, %d notes", len(raw), len(notes))
	}
	for i, line := range raw {
		var n models.NoteEvent
		if err := json.Unmarshal(line, &n); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if n.NoteID != notes[i].NoteID || n.Version != notes[i].Version {
			t.Errorf("line %d: raw %s v%d, notes %s v%d", i+1, n.NoteID, n.Version, notes[i].NoteID, notes[i].Version)
		}
	}
	raw[0][0] = 'X'
	if Raw()[0][0] == 'X' {
		t.Error("Raw returned shared bytes")
	}
}

func TestExpectations(t *testing.T) {
	t.Parallel()
	notes, err := Notes()
	if err != nil {
		t.Fatal(err)
	}
	exps, err := Expectations()
	if err != nil {
		t.Fatal(err)
	}

	t.Run("every upsert has exactly one expectation in the same order", func(t *testing.T) {
		t.Parallel()
		j := 0
		for i, n := range notes {
			if n.Type == models.EventDeleted {
				continue
			}
			if j >= len(exps) {
				t.Fatalf("line %d: no expectation left", i+1)
			}
			if e := exps[j]; e.NoteID != n.NoteID || e.Version != n.Version {
				t.Errorf("line %d: %s v%d has expectation for %s v%d", i+1, n.NoteID, n.Version, e.NoteID, e.Version)
			}
			j++
		}
		if j != len(exps) {
			t.Errorf("%d expectations left over", len(exps)-j)
		}
	})

	t.Run("expectations use known codes and categories", func(t *testing.T) {
		t.Parallel()
		langs := map[string]bool{"en": true, "zh": true, "es": true, "ja": true, "ko": true, "fr": true, "pt": true, models.Undetermined: true}
		for _, e := range exps {
			if !langs[e.Lang] {
				t.Errorf("%s: lang %q", e.NoteID, e.Lang)
			}
			if (e.Lang == "zh") != (e.Script == "Hans" || e.Script == "Hant") {
				t.Errorf("%s: lang %q script %q", e.NoteID, e.Lang, e.Script)
			}
			for _, c := range e.Bad {
				if !c.Valid() {
					t.Errorf("%s: category %q", e.NoteID, c)
				}
			}
			if e.Lookalike && len(e.Bad) > 0 {
				t.Errorf("%s: a look-alike cannot be bad", e.NoteID)
			}
			if len(e.Gloss) > 0 && e.Lang == "en" {
				t.Errorf("%s: English note has glosses", e.NoteID)
			}
		}
	})

	t.Run("a glossed note does not contain its English query", func(t *testing.T) {
		t.Parallel()
		text := map[string]string{}
		for _, n := range notes {
			text[n.NoteID] = strings.ToLower(n.Title + " " + n.Body + " " + strings.Join(n.Tags, " "))
		}
		for _, e := range exps {
			for _, g := range e.Gloss {
				if strings.Contains(text[e.NoteID], g) {
					t.Errorf("%s: contains %q itself, so it does not test translation", e.NoteID, g)
				}
			}
		}
	})

	t.Run("about fifteen percent of notes are bad", func(t *testing.T) {
		t.Parallel()
		var bad, look int
		for _, e := range exps {
			if len(e.Bad) > 0 {
				bad++
			}
			if e.Lookalike {
				look++
			}
		}
		share := float64(bad) / float64(len(exps))
		if share < 0.10 || share > 0.20 || look < 5 {
			t.Errorf("bad share %.2f, %d look-alikes", share, look)
		}
	})
}

func TestRealLookingNumbers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		text string
		want int
	}{
		{"the fictional chinese number passes", "电话同号 138 0013 8000", 0},
		{"a 555-01xx number passes", "text me 555-0187 or +1 555 0142", 0},
		{"an ordinary mobile number is caught", "加我 139 1234 5678", 1},
		{"a full-width number is caught", "ｗｘ１３９１２３４５６７８", 1},
		{"short numbers and prices are ignored", "日赚500，wx123456", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := realLookingNumbers(tt.text); len(got) != tt.want {
				t.Errorf("realLookingNumbers(%q) = %q, want %d", tt.text, got, tt.want)
			}
		})
	}
}
