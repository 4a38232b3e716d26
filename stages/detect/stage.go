package detect

import (
	"context"
	"strings"

	"github.com/notegate/notegate/models"
)

// Stage is the pipeline stage that sets each note's Language.
type Stage struct{ d *Detector }

// NewStage wraps a detector as a pipeline stage.
func NewStage(d *Detector) *Stage { return &Stage{d: d} }

// Name implements pipeline.Stage.
func (s *Stage) Name() string { return "detect" }

// Process implements pipeline.Stage. It sets note.Language from the title
// and body; the tags vote only when those have nothing to go on. It never
// fails: a note whose language cannot be told gets "und".
func (s *Stage) Process(ctx context.Context, notes []*models.Note) error {
	for _, n := range notes {
		if err := ctx.Err(); err != nil {
			return err
		}
		lang := s.d.Detect(n.Text())
		if lang.Code == models.Undetermined && len(n.Tags) > 0 {
			_, hashtags := stripNoise(n.Text())
			lang = s.d.Detect(strings.Join(n.Tags, " ") + " " + hashtags)
			// Tags are keywords, not prose: say so in the confidence.
			lang.Confidence = round3(lang.Confidence * 0.7)
		}
		n.Language = lang
	}
	return nil
}
