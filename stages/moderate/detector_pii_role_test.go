package moderate

import "testing"

// An organisation's desk (info@, jobs@, rh@, recrutement@) is not a
// person's address, in any of the markets' languages; a named person's
// address is.
func TestRoleEmailKnowsDesksInTheMarketsLanguages(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, addr string
		want       bool
	}{
		{"an English support desk", "support@example.com", true},
		{"a Portuguese HR desk", "rh@lojaexemplo.com.br", true},
		{"a Spanish HR desk", "rrhh@empresa.es", true},
		{"a French recruiting desk", "recrutement@boulangerie.fr", true},
		{"a German contact desk with a prefix", "cafe_kontakt@beispiel.de", true},
		{"a language school's address", "academy@example.kr", true},
		{"a Spanish school's parents' association", "ampa@colegiolosalamos.es", true},
		{"a French parents' association", "apel@ecole-saint-paul.fr", true},
		{"a person's name is no desk", "maria.lopez88@gmail.com", false},
		{"a word that only contains a desk is no desk", "rhonda@example.com", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := roleEmail(tt.addr); got != tt.want {
				t.Errorf("roleEmail(%q) = %v, want %v", tt.addr, got, tt.want)
			}
		})
	}
}

// A job ad that asks for CVs at the employer's desk is allowed in both
// markets; a stranger's own address in the same words is still reviewed in
// cn, where a move off the platform is.
func TestJobAdsWithAnEmployersDeskAreAllowed(t *testing.T) {
	t.Parallel()
	s := newTestStage(t)
	wantAllowed(t, s, "a job ad asking for CVs at the employer's desk", []string{
		"Estamos contratando vendedores para nossa loja no shopping, mande seu currículo para rh@lojaexemplo.com.br",
		"저희 학원에서 영어 강사 모집합니다 이력서는 academy@example.kr로 보내주세요",
	}, "cn", "intl")
	personal := []string{"Estamos contratando vendedores para nossa loja no shopping, mande seu currículo para julia.ramos93@gmail.com"}
	wantStopped(t, s, "the same ad with a personal address", personal, "cn")
	wantAllowed(t, s, "the same ad with a personal address", personal, "intl")
}
