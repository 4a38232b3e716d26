package moderate

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNationalIDChecks(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		check func(string) bool
		id    string
		want  bool
	}{
		{"a Taiwan ID with its check digit is valid", validTWID, "a123456789", true},
		{"a Taiwan ID with a wrong check digit is not", validTWID, "a123456788", false},
		{"a Taiwan resident certificate number is valid", validTWID, "a800000014", true},
		{"a Taiwan ID of another county is valid", validTWID, "f131104093", true},
		{"a Taiwan ID with a digit for a letter is not", validTWID, "1123456789", false},
		{"a Spanish DNI with its letter is valid", validDNI, "12345678z", true},
		{"a Spanish DNI with a hyphen is valid", validDNI, "12345678-z", true},
		{"a Spanish DNI with a wrong letter is not", validDNI, "12345678a", false},
		{"a Spanish NIE with its letter is valid", validDNI, "x1234567l", true},
		{"a Spanish NIE with spaces is valid", validDNI, "y 1234567 x", true},
		{"a Spanish NIE with a wrong letter is not", validDNI, "x1234567a", false},
		{"a Brazilian CPF with both check digits is valid", validCPF, "12345678909", true},
		{"a Brazilian CPF with a wrong first check digit is not", validCPF, "12345678919", false},
		{"a Brazilian CPF with a wrong second check digit is not", validCPF, "12345678900", false},
		{"a Brazilian CPF of one repeated digit is not", validCPF, "11111111111", false},
		{"a hyphenated Korean resident number with a valid date is valid", validKRRN, "900101-1234567", true},
		{"a Korean resident number with month 13 is not", validKRRN, "901301-1234567", false},
		{"a Korean resident number with sex digit 9 is not", validKRRN, "900101-9234567", false},
		{"a bare Korean resident number with its check digit is valid", validKRRN, "9001011234568", true},
		{"a bare Korean resident number with a wrong check digit is not", validKRRN, "9001011234567", false},
		{"a Chilean RUT with its check digit is valid", validRUT, "12.345.678-5", true},
		{"a Portuguese NIF with its check digit is valid", validNIF, "123456789", true},
		{"a Portuguese NIF with a wrong check digit is not", validNIF, "123456788", false},
		{"a Chilean RUT whose check is K is valid", validRUT, "10.000.013-k", true},
		{"a Chilean RUT with a wrong check digit is not", validRUT, "12.345.678-9", false},
		{"a Canadian SIN with its Luhn digit is valid", validSIN, "046454286", true},
		{"a Canadian SIN of one repeated digit is not", validSIN, "000000000", false},
		{"a Canadian SIN failing Luhn is not", validSIN, "123456789", false},
		{"a French NIR with its key is valid", validNIR, "1 85 05 78 006 084 91", true},
		{"a French NIR with a wrong key is not", validNIR, "1 85 05 78 006 084 92", false},
		{"a French NIR born in Corsica is valid", validNIR, "2 90 02 2a 004 003 27", true},
		{"a French NIR with month 13 is not", validNIR, "1 85 13 78 006 084 91", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.check(tt.id); got != tt.want {
				t.Errorf("check(%q) = %v, want %v", tt.id, got, tt.want)
			}
		})
	}
}

func TestPIIDetectorFormats(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		text string
		rule string // "" for no finding
		want string // the evidence
	}{
		{"a Taiwan ID is personal data", "身分證字號 A123456789 請保密", "tw-national-id", "A123456789"},
		{"a Taiwan ID with a bad check digit is read only after its document's name", "身分證字號 A123456788", "tw-national-id-named", "A123456788"},
		{"a Taiwan ID shape with a bad check digit and no name is nothing", "訂單 A123456788 已出貨", "", ""},
		{"a product code like a Taiwan ID inside a word is nothing", "型號XA123456789Z", "", ""},
		{"a Hong Kong identity card is personal data", "佢張身份證係 A123456(3)，大家記住", "hk-identity-card", "A123456(3"},
		{"a Hong Kong identity card with two letters is personal data", "HKID: XA123456(8)", "hk-identity-card", "XA123456(8"},
		{"a Hong Kong card named so counts with a mistyped check", "佢身份證 A123456(7)", "hk-identity-card", "A123456(7"},
		{"a card-shaped code with a wrong check and no name is nothing", "訂單編號 A123456(7)", "", ""},
		{"a Hong Kong mobile in two fours is personal data", "佢電話 9123 4567，打爆佢", "doxxing-phone", "9123 4567"},
		{"a Swiss mobile is personal data", "Natelnummer 079 512 33 84", "phone", "079 512 33 84"},
		{"an Austrian mobile is personal data", "ruf ihn an: 0664 1234567", "phone", "0664 1234567"},
		{"a Berlin landline's last eight digits are no Hong Kong mobile", "Tischreservierung unter 030 5550 0123", "", ""},
		{"a friend code is no Hong Kong mobile", "フレンドコード SW-4821-6603-1957 です", "", ""},
		{"eight bare digits are not a Hong Kong mobile", "訂單號 91234567 已出貨", "", ""},
		{"a Taiwan lane address published against someone is doxxing", "公佈那個撞到我不賠的阿伯：住台中市北屯區崇德路三段 88 巷 6 號", "doxxing-address", "住台中市北屯區崇德路三段 88 巷 6 號"},
		{"a Spanish DNI is personal data", "mi DNI es 12345678Z", "es-dni", "12345678Z"},
		{"a Spanish DNI with a wrong letter is read only after its name", "DNI 12345678A", "es-dni-named", "12345678A"},
		{"a DNI shape with a wrong letter and no name is nothing", "pedido 12345678A enviado", "", ""},
		{"a Spanish NIE is personal data", "NIE X1234567L", "es-dni", "X1234567L"},
		{"a Brazilian CPF is personal data", "CPF 123.456.789-09", "br-cpf", "123.456.789-09"},
		{"a Brazilian CPF with a wrong check digit is read only after its name", "CPF 123.456.789-00", "br-cpf-named", "123.456.789-00"},
		{"a CPF shape with a wrong check digit and no name is nothing", "protocolo 123.456.789-00 aberto", "", ""},
		{"eleven bare digits are a CPF only when named", "cpf: 12345678909", "br-cpf", "12345678909"},
		{"a Korean resident number is personal data", "주민번호 900101-1234567", "kr-resident-id", "900101-1234567"},
		{"a Korean resident number with a bad date is nothing", "번호 901341-1234567", "", ""},
		{"a Taiwan mobile is a phone", "電話 0912-345-678", "phone", "0912-345-678"},
		{"a Taiwan mobile with the country code is a phone", "call +886 912 345 678", "phone", "+886 912 345 678"},
		{"a Spanish mobile is a phone", "teléfono 612 345 678", "phone", "612 345 678"},
		{"a Spanish mobile in pairs is a phone", "llama al 712 34 56 78", "phone", "712 34 56 78"},
		{"a round figure is no Spanish mobile", "una deuda de 600 000 000 euros", "", ""},
		{"a number in a link is no Spanish mobile", "https://www.zhihu.com/question/56891256/answer/673910089", "", ""},
		{"a Brazilian mobile is a phone", "zap (11) 91234-5678", "phone", "(11) 91234-5678"},
		{"a French mobile is a phone", "tél 06 12 34 56 78", "phone", "06 12 34 56 78"},
		{"a French mobile with dots is a phone", "portable 07.12.34.56.78", "phone", "07.12.34.56.78"},
		{"a French mobile in international form is a phone", "+33 6 12 34 56 78", "phone", "+33 6 12 34 56 78"},
		{"a French landline is a shop's number, nothing", "réservations au 01 42 34 56 78", "", ""},
		{"a German mobile is a phone", "Handy 0151 23456789", "phone", "0151 23456789"},
		{"a German mobile with a slash is a phone", "Tel. 0171/1234567", "phone", "0171/1234567"},
		{"a German mobile in pairs is a phone", "Hier ihre Nummer: 0176 48 29 31 07", "phone", "0176 48 29 31 07"},
		{"a German mobile in threes is a phone", "H4ndy 0151 239 847 16", "phone", "0151 239 847 16"},
		{"an Austrian mobile in groups is a phone", "Tel 0664 382 91 57", "phone", "0664 382 91 57"},
		{"a Belgian mobile is a phone", "GSM 0478 31 62 90", "phone", "0478 31 62 90"},
		{"a Belgian landline is a shop's number, nothing", "réservations au 02 512 34 56", "", ""},
		{"a British mobile is a phone", "text me on 07911 123456", "phone", "07911 123456"},
		{"a British mobile in international form is a phone", "WhatsApp +44 7700 900123 for the keys", "phone", "+44 7700 900123"},
		{"a British mobile in threes is a phone", "call 07700 900 123", "phone", "07700 900 123"},
		{"a London landline is a shop's number, nothing", "bookings on 020 7946 0123", "", ""},
		{"a British mobile inside a longer number is nothing", "tracking 3307911123456", "", ""},
		{"a German mobile too long is nothing", "Bestellnummer 0151 2345 6789 1234", "", ""},
		{"a Kyoto landline is no Swiss mobile", "電話：075-555-0190", "", ""},
		{"a Chiba landline is no Belgian mobile", "電話 0475-12-3456", "", ""},
		{"a German landline is a shop's number, nothing", "Tel. 030 12345678", "", ""},
		{"a Japanese mobile is a phone", "電話090-1234-5678", "phone", "090-1234-5678"},
		{"a Japanese landline is a shop's number, nothing", "電話03-1234-5678", "", ""},
		{"a Korean mobile is a phone", "전화번호 010-1234-5678", "phone", "010-1234-5678"},
		{"a Korean mobile in full-width digits is a phone", "０１０－１２３４－５６７８", "phone", "０１０－１２３４－５６７８"},
		{"a Beijing landline in a Chinese shop notice is no Korean mobile", "新店开业！朝阳区望京花园5号楼底商，电话010-12345678", "", ""},
		{"a Korean mobile with one hyphen in a Korean note is still a phone", "번호 010-12345678 로 연락주세요", "phone", "010-12345678"},
		{"a Korean emergency number is nothing", "응급 전화는 119, 경찰은 112예요", "", ""},
		{"a street address alone is nothing", "Las mejores tapas en Calle Mayor 5, Madrid", "", ""},
		{"a French address in a review is nothing", "Super brunch au 12 rue de la Paix, partagez vos adresses", "", ""},
		{"a Japanese shop address is nothing", "お店は東京都新宿区西新宿2-8-1です", "", ""},
		{"a street address with a call to visit is doxxing", "son adresse : 12 rue de la Paix, allez lui rendre visite", "doxxing-address", "12 rue de la Paix"},
		{"a German address with a call to visit is doxxing", "Hauptstraße 12, besucht ihn mal", "doxxing-address", "Hauptstraße 12"},
		{"a Korean home address said to be published is doxxing", "우리 길드 탈주범 집주소 공개함 서울시 마포구 망원로 12-3", "doxxing-address", "망원로 12-3"},
		{"a Korean address with everyone told to call is doxxing", "유출한 놈 주소 서울 마포구 와우산로 12길 3, 302호 다들 전화 한 통씩", "doxxing-address", "와우산로 12"},
		{"a Chinese address with a call to hunt is doxxing", "她家住望京花园5号楼302，大家去找她", "doxxing-address", "她家住望京花园5号楼302"},
		{"a Korean address with a call to spread is doxxing", "이 사람 집 테헤란로 123 퍼뜨려 주세요", "doxxing-address", "테헤란로 123"},
		{"where the author's own lost dog lives, asked to be spread, is no doxxing", "我家狗狗走丢了，叫豆豆，住在望京花园5号楼，大家看到请联系我，谢谢扩散", "", ""},
		{"a lost dog's notice that points at a third person who took it is still doxxing", "我家狗狗走丢了，就是这个男的偷的，他住在望京花园5号楼，大家去找他", "doxxing-address", "他住在望京花园5号楼"},
		{"a phone with a call to expose is doxxing", "こいつの電話090-1234-5678、晒しとく", "doxxing-phone", "090-1234-5678"},
		{"a Portuguese address with a scam alert is doxxing", "golpista! mora na Rua das Flores 100", "doxxing-address", "Rua das Flores 100"},
		{"an accented call to visit is read folded", "mora na Rua Augusta 200, façam uma visita", "doxxing-address", "Rua Augusta 200"},
		{"the address of the one who wronged the author, with a call to visit her, is doxxing", "esta es la dirección de la que me robó el novio: calle Alcalá 123, 4ºB, Madrid. Id a visitarla", "doxxing-address", "calle Alcalá 123"},
		{"an address with a little visit proposed is doxxing", "o endereço desse lixo é Rua das Flores 45, apto 12, Curitiba, quem quiser fazer uma visitinha", "doxxing-address", "Rua das Flores 45"},
		{"a shop's address with a visit invited is nothing", "Nueva tienda en Calle Mayor 5, Madrid. ¡Ven a visitarnos este sábado!", "", ""},
		{"a German scam alert with an umlaut is read folded", "Betrüger! Handy 0171 1234567", "doxxing-phone", "0171 1234567"},
		{"an Argentine mobile is a phone", "Cel 11 5837-2201 del profe", "phone", "11 5837-2201"},
		{"a Mexican mobile with a two-digit area code is a phone", "su cel (33) 1847-2290", "phone", "(33) 1847-2290"},
		{"a Chilean mobile after +56 is a phone", "llámalo al +56 9 8765 4321", "phone", "+56 9 8765 4321"},
		{"nine digits in threes without +51 are a Spanish landline, nothing", "El teléfono de la academia: 912 345 678", "", ""},
		{"a phone typed digit by digit is a phone", "Le gars : 5-1-4 5-5-5 0-1-9-2, il reste au coin", "spaced-phone", "5-1-4 5-5-5 0-1-9-2"},
		{"a spaced phone with an o for a zero is a phone", "cell (4O8) 3 9 2 - O 1 7 7", "spaced-phone", "4O8) 3 9 2 - O 1 7 7"},
		{"a spaced phone with en dashes between its pairs is a phone", "Julien D., tél 0 6 – 1 2 – 3 4 – 5 6 – 7 8", "spaced-phone", "0 6 – 1 2 – 3 4 – 5 6 – 7 8"},
		{"a list of scores is no phone", "Resultados: 2-1, 3-0, 1-1, 2-2, 0-0, 4-1, 1-3", "", ""},
		{"spaced digits counting up are no phone", "1 2 3 4 5 6 7 8 9 10", "", ""},
		{"an Argentine DNI named as such is an identity number", "DNI 23.581.447, Av. Rivadavia", "dni", "23.581.447"},
		{"a dotted number not named as a DNI is nothing", "Ya somos 23.581.447 habitantes", "", ""},
		{"a Chilean RUT with its check digit is an identity number", "Mi RUT es 12.345.678-5", "cl-rut", "12.345.678-5"},
		{"a Chilean RUT with a wrong check digit is nothing", "Mi RUT es 12.345.678-4", "", ""},
		{"a Canadian SIN named NAS with its Luhn digit is an identity number", "Son NAS : 046 454 286", "ca-sin", "046 454 286"},
		{"a NAS that fails Luhn is nothing", "Son NAS : 123 456 789", "", ""},
		{"a Portuguese NIF named as such with its check digit is an identity number", "chama-se Jorge, NIF 123 456 789, mora em Lisboa", "pt-nif", "123 456 789"},
		{"nine digits not named as a NIF are nothing", "encomenda n.º 123 456 789 enviada", "", ""},
		{"an Angolan BI number is an identity number", "BI nº 001234567LA041, mora no Cazenga", "ao-bi", "001234567LA041"},
		{"a Taiwan ID typed with spaces is an identity number", "身分證 A 1 2 3 4 5 6 7 8 9，看到就打", "tw-national-id", "A 1 2 3 4 5 6 7 8 9"},
		{"an Indian mobile after +91 is a phone", "room 214, +91 98765 43210", "phone", "+91 98765 43210"},
		{"a Philippine mobile is a phone", "his num is 0917 555 0284", "phone", "0917 555 0284"},
		{"a passport number typed one character at a time is an identity number", "this is the guy, DOB 2/3/88, pass # 4 1 8 2 O 7 3 5 9, share it", "passport", "4 1 8 2 O 7 3 5 9"},
		{"a Spanish passport number after its label is an identity number", "el estafador: número de pasaporte PAB482913", "passport", "PAB482913"},
		{"a passport number after 护照号 is an identity number", "这个骗子的护照号 E48291365", "passport", "E48291365"},
		{"the author's own passport number is not someone else's published", "my passport number is 548217936, should I give it to the agency?", "", ""},
		{"a passport's renewal fee is no number", "passport renewal costs 130 dollars and takes 6 weeks", "", ""},
		{"a phone spelled in words beside a call to ring her is doxxing", "Das ist die Vermieterin, Handy null eins sieben zwei – vier vier drei – acht eins zwei neun, ruft sie ruhig alle an", "doxxing-spelled-phone", "null eins sieben zwei – vier vier drei – acht eins zwei neun"},
		{"a kana phone read with の between its groups is doxxing", "この女の番号 ぜろきゅうぜろ の さんさんごろく の ななにいちぜろ 拡散よろ", "doxxing-spelled-phone", "ぜろきゅうぜろ の さんさんごろく の ななにいちぜろ"},
		{"a phone spelled in words with no call to go after anyone is no doxxing here", "mi número es seis uno dos tres cuatro cinco seis siete ocho", "", ""},
		{"a shop's official account warning of prize scams gives its own address", "Soy la cuenta oficial de Carnicería Hermanos Ruiz, en la calle Mayor 23 de Alcalá. Si os escribe alguien por privado diciendo que habéis ganado y que paguéis el envío, es un estafador.", "", ""},
		{"a CPF with a wrong check digit after its name is published all the same", "CPF do professor que ferrou a turma: 345.678.901-23", "br-cpf-named", "345.678.901-23"},
		{"a resident ID with a wrong check digit after 身份证号 is published all the same", "那个挂科老师的身份证号：110101199003071235", "cn-resident-id-named", "110101199003071235"},
		{"a DNI with the wrong letter after its name is published all the same", "DNI del profe: 12345678A", "es-dni-named", "12345678A"},
		{"an SSN-shaped number after its name is published all the same", "his ssn is 912-34-5678 lol", "us-ssn-named", "912-34-5678"},
		{"a CPF of one repeated digit is a placeholder, not a person's", "o formato do CPF é 000.000.000-00", "", ""},
		{"eighteen digits not named as an ID are nothing", "订单号 110101199003071235 已发货", "", ""},
		{"the street address a third person lives at is theirs, published", "The teacher who failed our class lives at 12 Elm Street apt 4, Springfield", "doxxing-address", "12 Elm Street"},
		{"an address after mora na is someone's home", "O professor que ferrou a turma mora na Rua das Flores 88 ap 12, Curitiba", "doxxing-address", "Rua das Flores 88"},
		{"an address after wohnt in der is someone's home", "Die Lehrerin wohnt in der Musterstraße 12, 50667 Köln", "doxxing-address", "Musterstraße 12"},
		{"an address straight after wohnt is someone's home", "Der Typ heißt Dennis K., wohnt Birkenweg 12, 45127 Essen. Macht damit, was ihr wollt.", "doxxing-address", "Birkenweg 12"},
		{"a street word apart from its name is an address beside a call to visit", "die Kellnerin wohnt Venloer Str. 302, stattet ihr mal einen Besuch ab", "doxxing-address", "Venloer Str. 302"},
		{"a Belgian address with the number after the street is an address", "le proprio c'est Marc D., il habite avenue Clemenceau 57. Allez lui dire bonjour", "doxxing-address", "avenue Clemenceau 57"},
		{"a German mobile beside readers told to ring is doxxing", "Der Verkäufer heißt Thomas B., Handy 0151 2398 4716. Ruft den alle an!", "doxxing-phone", "0151 2398 4716"},
		{"ich wohne is the author's own street, for a flea market", "Ich wohne Birkenweg 12, kommt Samstag zum Flohmarkt vorbei", "", ""},
		{"an address after habite au is someone's home", "Le prof qui nous a collés habite au 12 rue des Lilas, 69003 Lyon", "doxxing-address", "12 rue des Lilas"},
		{"a Chinese address after 他家住在 is someone's home", "那个老师他家住在中山路100号3栋", "doxxing-address", "那个老师他家住在中山路100号3"},
		{"the author's own address for a yard sale is not someone else's", "I live at 12 Elm Street, come to my yard sale Saturday", "", ""},
		{"j'habite au is the author's own address", "J'habite au 12 rue des Lilas, venez au vide-grenier dimanche", "", ""},
		{"a shop's address is no one's home", "Our bakery moved to 12 Elm Street, open from 7am", "", ""},
		{"a residence phrase far from the address does not name it", "My sister lives in Berlin and loves it there. Anyway our new bakery is open, come by 12 Elm Street any day this week", "", ""},
		{"a business warning of scammers using its name gives its own address", "Hiring baristas! Apply in person at 221 Elm Street, Portland. We will never ask you to pay for training; that's a scammer using our name.", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fs, err := PIIDetector{}.Detect(context.Background(), NewText("body", tt.text))
			if err != nil {
				t.Fatal(err)
			}
			if tt.rule == "" {
				if len(fs) > 0 {
					t.Errorf("%q: unexpected %+v", tt.text, fs)
				}
				return
			}
			for _, f := range fs {
				if f.Rule == tt.rule && tt.text[f.Span.Start:f.Span.End] == tt.want {
					return
				}
			}
			t.Errorf("%q: want %s %q, got %+v", tt.text, tt.rule, tt.want, fs)
		})
	}
}

// FuzzPIIDetect feeds untrusted text through the PII detector: no panic,
// spans inside the input on rune boundaries, and a valid identity number
// framed by arbitrary text is still found.
func FuzzPIIDetect(f *testing.F) {
	for _, s := range []string{"A123456789", "12345678Z", "X-1234567-L", "123.456.789-09", "900101-1234567", "0912-345-678", "+33 6 12 34 56 78", "0151 23456789", "090-1234-5678", "010-1234-5678", "Calle Mayor 5 difundan", "西新宿2-8-1晒しとく", "\xffa123456789\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fs, err := PIIDetector{}.Detect(context.Background(), NewText("body", s))
		if err != nil {
			t.Fatal(err)
		}
		boundary := make([]bool, len(s)+1)
		for i := 0; i < len(s); {
			boundary[i] = true
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
		boundary[len(s)] = true
		for _, x := range fs {
			if x.Span.Start < 0 || x.Span.End > len(s) || x.Span.Start >= x.Span.End {
				t.Fatalf("span %v of %q", x.Span, s)
			}
			if !boundary[x.Span.Start] || !boundary[x.Span.End] {
				t.Fatalf("span %v not on rune boundaries of %q", x.Span, s)
			}
		}
		// The validators never panic on any input.
		for _, v := range []func(string) bool{validTWID, validDNI, validCPF, validKRRN, validRUT, validSIN, validNIR, validNIF, validYYMMDD} {
			v(strings.ToLower(s))
		}
		// A valid ID between spaces, whatever surrounds it, is found.
		framed := strings.Map(func(r rune) rune {
			if r < 0x80 && (r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
				return ' '
			}
			return r
		}, s)
		body := framed + " DNI 12345678Z " + framed
		fs, _ = PIIDetector{}.Detect(context.Background(), NewText("body", body))
		for _, x := range fs {
			if x.Rule == "es-dni" && body[x.Span.Start:x.Span.End] == "12345678Z" {
				return
			}
		}
		t.Fatalf("DNI not found in %q: %+v", body, fs)
	})
}
