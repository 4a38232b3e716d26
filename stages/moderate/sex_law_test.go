package moderate

import "testing"

// The law on sex explained is no sexual content about minors; a request
// or a sale that cites the law is still read.
func TestSexAndTheLawExplained(t *testing.T) {
	s := newTestStage(t)
	cases := []allowCase{
		{"the Spanish age of consent explained", "Pregunta legal que sale siempre: en España la edad de consentimiento sexual es 16 años desde 2015 (antes era 13). Padres, hablen de esto con sus hijos.", true},
		{"the Japanese reform of the age of consent in a law class", "2023年の刑法改正で性交同意年齢が13歳から16歳に引き上げられた件、ロースクールの授業で扱った。子どもを守るための改正だと思う。", true},
		{"sharing an ex's intimate photos is a crime", "¿Es delito compartir fotos íntimas de tu ex sin su permiso? Sí: en España lo es (art. 197.7 CP). Lo vimos hoy en clase.", true},
		{"a groomer who cites the age of consent is still read", "the age of consent here is 16 but you're 14 and mature, nobody has to know, dm me a pic", false},
		{"a sale of pictures of minors that calls itself illegal is still read", "fotos de niñas de 13 años, ya sé que es delito según el código penal, precio por privado", false},
	}
	checkAllowed(t, s, cases)
}
