package linguamodels

import "testing"

func TestPinnedSourceReadsTheRequireOfGoMod(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, goMod, want string }{
		{"a_require_block_is_read", "module x\n\nrequire (\n\tgithub.com/a/b v1.0.0\n\tgithub.com/pemistahl/lingua-go v1.4.0\n)\n", "github.com/pemistahl/lingua-go v1.4.0"},
		{"a_single_require_line_is_read", "module x\nrequire github.com/pemistahl/lingua-go v1.3.2 // indirect\n", "github.com/pemistahl/lingua-go v1.3.2"},
		{"a_go_mod_without_lingua_is_an_error", "module x\nrequire github.com/a/b v1.0.0\n", ""},
		{"a_longer_module_path_is_not_lingua", "module x\nrequire github.com/pemistahl/lingua-go/v2 v2.0.0\n", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := PinnedSource([]byte(tc.goMod))
			if tc.want == "" {
				if err == nil {
					t.Fatalf("PinnedSource = %q, want an error", got)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("PinnedSource = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}
