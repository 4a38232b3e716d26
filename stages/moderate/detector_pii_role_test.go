package moderate

import (
	"testing"

	"github.com/notegate/notegate/models"
)

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
	tests := []struct {
		name, body string
		cn, intl   models.Decision
	}{
		{"a Portuguese shop hiring asks for CVs at rh@",
			"Estamos contratando vendedores para nossa loja no shopping, mande seu currículo para rh@lojaexemplo.com.br",
			models.DecisionAllow, models.DecisionAllow},
		{"a Korean academy hiring asks for CVs at academy@",
			"저희 학원에서 영어 강사 모집합니다 이력서는 academy@example.kr로 보내주세요",
			models.DecisionAllow, models.DecisionAllow},
		{"the same ad with a personal address is reviewed in cn",
			"Estamos contratando vendedores para nossa loja no shopping, mande seu currículo para julia.ramos93@gmail.com",
			models.DecisionReview, models.DecisionAllow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := moderateBody(t, s, tt.body)
			if got := n.Moderation.Markets; got["cn"] != tt.cn || got["intl"] != tt.intl {
				t.Errorf("%q: cn %s intl %s, want %s %s; labels %+v", tt.body, got["cn"], got["intl"], tt.cn, tt.intl, n.Moderation.Labels)
			}
		})
	}
}
