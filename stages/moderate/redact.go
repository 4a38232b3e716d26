package moderate

import (
	"strings"

	"github.com/notegate/notegate/models"
)

// redactPII masks, in place, every byte of n's title, body and tags that a
// pii label's evidence covers, with '*' (newlines between tags are kept),
// and then re-reads every evidence text of those fields from the masked
// field, so no label keeps a copy of what was redacted. Byte lengths do not
// change, so every offset stays valid.
func redactPII(n *models.Note) {
	fields := map[string][]byte{}
	get := func(field string) []byte {
		if b, ok := fields[field]; ok {
			return b
		}
		var b []byte
		switch field {
		case "title":
			b = []byte(n.Title)
		case "body":
			b = []byte(n.Body)
		case "tags":
			b = []byte(TagsText(n.Tags))
		default:
			return nil
		}
		fields[field] = b
		return b
	}
	for _, l := range n.Moderation.Labels {
		if l.Category != models.CategoryPII {
			continue
		}
		for _, ev := range l.Evidence {
			b := get(ev.Field)
			if b == nil || ev.Start < 0 || ev.End > len(b) || ev.Start >= ev.End {
				continue
			}
			for i := ev.Start; i < ev.End; i++ {
				if b[i] != '\n' {
					b[i] = '*'
				}
			}
		}
	}
	if len(fields) == 0 {
		return
	}
	for field, b := range fields {
		switch field {
		case "title":
			n.Title = string(b)
		case "body":
			n.Body = string(b)
		case "tags":
			n.Tags = strings.Split(string(b), "\n")
		}
	}
	for li := range n.Moderation.Labels {
		for ei, ev := range n.Moderation.Labels[li].Evidence {
			if b, ok := fields[ev.Field]; ok && ev.Start >= 0 && ev.End <= len(b) && ev.Start <= ev.End {
				n.Moderation.Labels[li].Evidence[ei].Text = string(b[ev.Start:ev.End])
			}
		}
	}
}
