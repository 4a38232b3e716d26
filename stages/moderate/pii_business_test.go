package moderate

import (
	"context"
	"testing"

	"github.com/notegate/notegate/models"
)

func TestBusinessNumbersInformAndPersonalOnesReview(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		text string
		want float64 // the phone finding's score
	}{
		{"a US store's number to reserve is a business's", "Call the store on (503) 555-0148 to reserve your pumpkin, we close at 6", scoreBusinessPhone},
		{"a bakery taking orders by phone is a business", "Our bakery takes orders by phone: 503-555-0148, open 7am to 3pm, pickup only", scoreBusinessPhone},
		{"a shop's official account with its pre-order number is a business", "official acct for Maple Donuts, open 6am to 2pm daily. Dozen pre-orders: (512) 555-0147", scoreBusinessPhone},
		{"a Chinese shop's mobile for bookings is a business's", "本店电话预约 13812345678，营业时间早十点到晚九点，到店自提", scoreBusinessPhone},
		{"a Spanish restaurant's reservations line is a business's", "Restaurante abierto de martes a domingo, reservas al 612 345 678", scoreBusinessPhone},
		{"a Montreal bakery's official account with its days open is a business", "Compte officiel de la Boulangerie Chez Ginette, 123 rue Saint-Denis, Montréal. Ouvert de 7 h à 18 h, fermé le lundi. 514-555-0142.", scoreBusinessPhone},
		{"a lost cat notice's number is for whoever sees the cat", "Lost cat near Elm Park, grey tabby, very shy. If you see him please call 503-555-0148", scoreBusinessPhone},
		{"a Japanese lost-cat notice's number is the owner's for finders", "【迷い猫】茶トラのタマ、駅前付近でいなくなりました。見かけた方は 090-1111-2222 までご連絡ください", scoreBusinessPhone},
		{"a lost wallet's number is for whoever finds it", "Perdí una cartera marrón en el metro, con mi DNI. Si alguien la encuentra, llamad al 612 000 345, hay recompensa", scoreBusinessPhone},
		{"a second-hand sofa to collect in person with the seller's number is hers", "Vendo mesa de comedor, 80 euros. Recogida en Sevilla centro. Llamadme a mí, Lucía, al 600 000 456", scoreBusinessPhone},
		{"a Japanese fridge handed over to whoever collects it is the seller's number", "冷蔵庫お譲りします。引き取りに来られる方、私の携帯 090-0000-5678 まで", scoreBusinessPhone},
		{"a French lost wallet's number is for whoever finds it", "Perdu mon sac à dos rouge dans le tram ligne 2 ce matin, avec mes clés. Si vous le trouvez, appelez-moi au 06 12 34 56 78", scoreBusinessPhone},
		{"a tutor's WhatsApp for lessons is the author's to be reached on", "Doy clases particulares de matemáticas y física para ESO en Valencia. WhatsApp: 612 000 123", scoreBusinessPhone},
		{"a landlord's viewing line is the author's to be reached on", "朝阳区两居室整租，近地铁10号线，房东直租。看房电话：138 0000 0000（王先生）", scoreBusinessPhone},
		{"a salon's booking WhatsApp is the author's to be reached on", "Salão Bela Flor agora abre aos domingos! Agende pelo WhatsApp (21) 99999-5678", scoreBusinessPhone},
		{"one's own new number for friends to save is no one else's data", "New number everyone! (415) 555-0142, old one is dead, please save this one", scoreBusinessPhone},
		{"a Chinese new number to save", "我换号了，新号码13812345678，大家存一下", scoreBusinessPhone},
		{"a clinic's changed number", "Our dental clinic has a new phone number: (415) 555-0199. Same address, same team!", scoreBusinessPhone},
		{"a building office's number for residents' questions", "小区物业电话是13812345678，有问题可以打这个", scoreBusinessPhone},
		{"an employer's job ad with its number is a business's", "Hiring: line cook, full-time, $19/hr + tips. Dumpling House, 212 Main St, Flushing NY. Open 11am–10pm daily. Apply in person or call (718) 555-0142.", scoreBusinessPhone},
		{"a job ad that promises earnings beside a number is bait", "Hiring now! Earn $500 a day from home, no experience, call (718) 555-0142", scorePhone},
		{"her new number is hers", "here is her new number (415) 555-0142, she changed it last week", scorePhone},
		{"a new number beside bait is a person's", "new number (415) 555-0142, lonely tonight, text me babe", scorePhone},
		{"a booking line beside where a named woman lives is hers, not the author's", "Sabine Kröger wohnt in der Lindenstraße, Termine bei ihr unter Telefon 0151 2345 6789", scorePhone},
		{"a number said to be hers is hers even with a booking word", "this is the hairdresser who ruined my hair, her phone for appointments is 503-555-0148", scorePhone},
		{"a Taipei flat to let with the landlady's number is hers to be reached on", "【台北大安區套房出租】近捷運站，月租16,000，有意者請來電 0912-000-345 林小姐", scoreBusinessPhone},
		{"a flat to let near a university with 'falar com' the landlady", "Aluga-se kitnet mobiliada perto da USP, R$ 1.400 com água inclusa. Falar com a Dona Cida: (11) 99000-1234, só ligação em horário comercial.", scoreBusinessPhone},
		{"a dog said to have run away is a lost-pet notice in any wording", "PERDIDO: perro mestizo color canela, se llama Toby. Se escapó ayer cerca del parque. Si lo veis llamad al 612 000 345", scoreBusinessPhone},
		{"a lost cat's owner giving their own number is still a lost-pet notice", "Chat perdu à Montreuil, tigré, il s'appelle Mochi 🐱 Si vous le voyez appelez-moi au 07 81 42 19 63 (c'est mon numéro). Merci !!", scoreBusinessPhone},
		{"a Korean lost item's own number is for whoever finds it", "오늘 홍대입구역 2번 출구 근처에서 에어팟 프로 잃어버렸어요ㅠㅠ 주우신 분 제 번호 010-2291-7743으로 문자 주시면 꼭 사례할게요!", scoreBusinessPhone},
		{"a lost wallet's owner gives a number for whoever finds it", "遺失錢包一個，黑色皮夾，裡面有證件，如有拾獲請撥0912-000-111，感謝", scoreBusinessPhone},
		{"a finder asks the owner of found keys to call", "Schlüsselbund am Hauptbahnhof gefunden, Besitzer bitte melden unter 0176 1234567", scoreBusinessPhone},
		{"a lost dog's owner asks those who see it to call", "Se perdió mi perro Toby en el parque del Retiro, es un beagle con collar azul. Si lo ven llamen al 600 111 222, por favor", scoreBusinessPhone},
		{"a lost cat notice that asks to be spread is no doxxing", "寻猫！！上海徐汇附近走丢一只橘猫，叫“大福”。有线索请联系我本人 139 1628 4471，重谢🙏 求扩散", scoreBusinessPhone},
		{"a bike sold by its owner, handed over in person, is the seller's own number", "Vendo bici de montaña Trek Marlin 5, 350 €, en Sevilla. Entrega en mano. Si te interesa, mi número es 654 12 98 03, pregunta por Álvaro.", scoreBusinessPhone},
		{"a pram sold for pick-up is the seller's own number", "Verkaufe Kinderwagen Bugaboo Fox 2, 350 € VB, Abholung in Stuttgart-West. Bei Interesse anrufen: 0151 2345 6789 (ab 18 Uhr). Kein Versand.", scoreBusinessPhone},
		{"a free picnic's organiser gives their number", "이번 주 토요일 망원한강공원에서 피크닉 모임 해요! 참가비 없음. 주최자 연락처 010-8812-0456", scoreBusinessPhone},
		{"a ramen shop's phone beside its hours and address is a business's", "大阪・天満のラーメン屋「麺処ひなた」です。営業時間 11:00〜22:00。住所 大阪市北区天神橋4-7-12、お電話 06-6355-7721。", scoreBusinessPhone},
		{"a tutor's professional number is a business's", "Prof de maths à Montréal, 40 $/h. Première séance offerte. Écrivez-moi ici ou sur mon numéro pro : 514-555-0163.", scoreBusinessPhone},
		{"a thing sold beside a third person's home is hers, and her home and number published are doxxing", "Vendo la bici de mi ex, vive en la calle Feria 12, su número es 654 12 98 03, entrega en mano", scoreDoxxing},
		{"a lost pet with a lure is bait", "Lost my cat lol, call me babe, I'm lonely tonight 503-555-0148", scorePhone},
		{"a person's own number is personal data", "text me at 503-555-0148 babe, I'm lonely tonight", scorePhone},
		{"a number with a shop but nothing customers do is personal", "the guy from the shop gave me 503-555-0148", scorePhone},
		{"a lure with a shop's words stays personal", "open a store from home and earn $300 per day, call me 503-555-0148", scorePhone},
		{"a business number published to go after its owner is doxxing", "the owner of this bakery insulted my mom, his shop takes orders at 503-555-0148, call him and let him know, spread this", scoreDoxxing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs, err := PIIDetector{}.Detect(context.Background(), NewText("body", tt.text))
			if err != nil {
				t.Fatal(err)
			}
			var got float64 = -1
			for _, f := range fs {
				if f.Rule == "phone" || f.Rule == "business-phone" || f.Rule == "doxxing-phone" || f.Rule == "doxxing-business-phone" {
					got = f.Score
				}
			}
			if got != tt.want {
				t.Errorf("phone finding scored %v, want %v (findings %+v)", got, tt.want, fs)
			}
		})
	}
}

// A listing's phone (a bakery, a lost cat's owner) is allowed in every
// market; a messenger handle in the same listing is still a move off the
// platform that cn reviews, and a lure makes the number bait again.
func TestBusinessPhoneIsAllowedWhereAHandleIsReviewed(t *testing.T) {
	s := newTestStage(t)
	wantAllowed(t, s, "a listing's phone is allowed", []string{
		"Our bakery is on here now! Rosie's Bread Co., 412 Maple Ave, Portland OR. Open Tue–Sun 7am–3pm. Call (503) 555-0142 for cake orders.",
		"Cuenta oficial de Arepera La Pana, abrimos de martes a domingo 8:00–16:00, Calle 45 #12-30, Bogotá. Pedidos al 601 555 0198.",
		"Chat perdu à Montreuil, tigré, il s'appelle Mochi. Si vous le voyez appelez-moi au 07 81 42 19 63. Merci !!",
		"跳楼价！本店年终清仓全场五折🔥 营业时间每天 10:00–22:00，地址见主页，到店扫码下单就行",
	}, "cn", "intl")
	wantDecision(t, s, "a listing's LINE id is reviewed in cn", []string{
		"美容室ルナ、4月から新メニュー！カット＋カラー8,800円。ご予約はLINE ID：@luna_hair_0000 まで",
	}, models.DecisionReview, "cn")
	wantStopped(t, s, "a lure with a shop's words is not a listing", []string{
		"open a store from home and earn $300 per day, call me 503-555-0148",
	}, "cn")
}
