package desk

import "testing"

func TestNearDuplicates(t *testing.T) {
	t.Parallel()
	base := "加V信 abc123 领取免费福利，名额有限，先到先得！Free gifts for the first 100 people"
	for _, c := range []struct {
		name string
		a, b string
		want bool
	}{
		{"a_copy_with_other_digits_and_case_is_a_near_duplicate", base, "加v信 ABC999 领取免费福利，名额有限，先到先得!! FREE gifts for the first 200 people", true},
		{"full_width_letters_and_extra_spaces_are_folded", "Free gifts for everyone today", "Ｆｒｅｅ  gifts  for everyone today!!", true},
		{"an_unrelated_note_is_not", base, "周末去成都吃火锅，人均一百二十元，排队一个小时，毛肚很新鲜。", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if got := nearDuplicate(simHash(c.a), simHash(c.b)); got != c.want {
				t.Errorf("nearDuplicate = %v (distance between %x and %x), want %v", got, simHash(c.a), simHash(c.b), c.want)
			}
		})
	}
}

func FuzzSimHash(f *testing.F) {
	f.Add("加V信 abc123")
	f.Add("\u200b\uff21")
	f.Fuzz(func(t *testing.T, s string) {
		if simHash(s) != simHash(s) {
			t.Fatal("simHash is not deterministic")
		}
	})
}
