package moderate

import (
	"fmt"
	"testing"

	"github.com/notegate/notegate/models"
)

// Plain contact (contact_plain.go): a club, a language partner, a rescue or
// a small shop giving its handle is reviewed in cn and allowed in intl; the
// same request beside a money lure, a job, selling, adult content, pressure
// or a disguise still blocks in cn and is reviewed in intl. Misses are the
// innocent reading, hits the spam that shares its words.
func TestPlainContactIsReviewedInCNOnlyWhileSpamStillBlocks(t *testing.T) {
	t.Parallel()
	s := newTestStage(t)
	miss := []struct{ lang, body string }{
		{"zh", "下个月徒步社去安吉爬山，报名请加领队微信 trek_lead31，备注姓名"},
		{"zh", "家里的三花猫生了小猫，找靠谱的人领养，感兴趣加我微信 calico_home 看照片"},
		{"zh", "合唱团招新，不限年龄，欢迎来试唱，联系团长微信 chorus_pd2024"},
		{"zh", "小店周六有手冲咖啡品鉴会，座位不多，想来的加店长微信 roast_corner 预约"},
		{"zh", "想找一起学韩语的伙伴，每周线上对练一次，我的微信是 hanyu_pal3"},
		{"zh", "社區讀書會每月第一個週日聚會，想參加的可以加我LINE：readers_tc"},
		{"zh", "中途之家週末開放參觀，有意領養請加LINE：paws_house12"},
		{"zh", "我们的桌游社周五晚上在静安活动，新人欢迎，加社长微信 boardgame_ja 了解时间"},
		{"en", "Our Mandarin-English exchange meets Thursdays at the library café. Add me on WeChat (tandem_lin) if you want to join!"},
		{"en", "Lost a grey cat near the park gate yesterday, if you see her please add me on WeChat: grey_paws77"},
		{"en", "Chess club for newcomers every Sunday, dm me on telegram @sunday_chess to get the address"},
		{"en", "Volunteering at the dog shelter this weekend, anyone who wants to come along add me on wechat: shelter_helper"},
		{"en", "Looking for a Cantonese conversation partner, I can help with English in return. Telegram: @canto_swap"},
		{"en", "Small dumpling stall by the metro, we take group bookings for 10+, add me on WeChat: dumpling_ma"},
		{"en", "Hiking group going to the Great Wall on Saturday, add me on wechat (trail_friends) and I'll share the meeting point"},
		{"en", "Our choir is looking for tenors, rehearsals Tuesday evening. Add me on WeChat: choir_tenor_sh"},
		{"es", "Busco compañero de intercambio español-chino, agrégame al WeChat: lin_intercambio"},
		{"es", "Nuestro club de lectura se reúne los martes, escríbeme por Telegram @lectores_bcn para unirte"},
		{"es", "Perdí a mi perro cerca del parque, si lo ves agrégame al WeChat: perro_perdido7"},
		{"es", "Grupo de senderismo los sábados, agrégame al WeChat: ruta_sabado para la ruta"},
		{"pt", "Grupo de corrida aos domingos no parque, me adiciona no WeChat: corrida_sp para entrar"},
		{"pt", "Procuro parceiro de intercâmbio português-chinês, me adiciona no WeChat: troca_lingua"},
		{"pt", "Feira de adoção de gatos no sábado, me adiciona no WeChat: gatos_adocao para saber mais"},
		{"pt", "Clube do livro às quintas, me chama no telegram @clube_livro_rj"},
		{"fr", "Notre club de lecture se retrouve le jeudi, ajoute-moi sur WeChat : club_lecture_sh"},
		{"fr", "Je cherche un partenaire d'échange français-chinois, ajoute-moi sur WeChat : echange_fr"},
		{"fr", "Journée d'adoption de chiens samedi au parc, ajoute-moi sur WeChat : adoption_parc"},
		{"fr", "Chorale amateur cherche des voix, ajoute-moi sur telegram @chorale_pudong"},
		{"de", "Unser Sprachtandem Deutsch-Chinesisch trifft sich mittwochs, füg mich auf WeChat hinzu: tandem_berlin"},
		{"de", "Lauftreff am Sonntag im Park, füg mich auf WeChat hinzu: lauftreff_sh"},
		{"de", "Katzen suchen ein Zuhause, füg mich auf WeChat hinzu: katzenhilfe_pd"},
		{"de", "Buchclub jeden Donnerstag, schreib mir auf telegram @buchclub_sh"},
		{"ja", "週末に多摩川で保護犬の譲渡会をします。興味がある方はLINE ID: inu_hogo22 までどうぞ"},
		{"ja", "日本語と中国語の交換相手を探しています。LINE ID: koukan_mei"},
		{"ja", "読書会のメンバー募集中、毎月第二土曜日です。LINE ID: dokusho_kai8"},
		{"ja", "迷子の猫を探しています。見かけた方はLINE ID: mike_neko3 へ"},
		{"ko", "동네 독서 모임 멤버 모집해요, 매주 토요일 카페에서 만나요. 카톡 아이디 book_seoul7 로 연락주세요"},
		{"ko", "한국어 중국어 언어교환 친구 찾아요. 카톡 아이디 lang_swap9"},
		{"ko", "유기견 입양 행사가 토요일에 있어요. 카톡 아이디 adopt_day3"},
		{"ko", "주말 등산 모임 같이 가요. 카톡 아이디 hike_club22"},
		// A service that takes bookings names its prices and offers as any shop does.
		{"ja", "美容室ルナ、4月から新メニュー！カット＋カラー8,800円。ご予約はLINE ID：@luna_hair_0000 まで"},
		{"ko", "눈썹 반영구 예약 문의는 카톡 ID brow_studio 로 주세요. 이번 달 신규 고객 20% 할인해드려요!"},
		{"en", "Tattoo studio has two slots left this week, flash designs from $80, book on WeChat: ink_room_sh"},
		// A second-hand sale: the price and "see it in person" are how it is done.
		{"zh", "搬家出闲置：宜家书桌九成新，¥200 同城自提，想看实物加我微信 desk_move21"},
		{"zh", "二手婴儿推车，用了半年，价格可小刀，加我微信 stroller_mom 看实拍"},
		{"en", "Selling my barely used road bike, $300, pickup in Pudong, add me on WeChat: bike_pudong for photos"},
	}
	hit := []struct{ lang, body string }{
		{"zh", "想认识外国朋友练口语的加我微信 talk_eng520，群里每天发兼职任务，一单结一单"},
		{"zh", "读书会招新！加群主微信 read_club8 进群领取免费资料，再推荐3人返现50元"},
		{"zh", "领养日来啦～加站长微信 pet_rescue9 扫码捐款满200送周边，速加"},
		{"zh", "小面馆开业大酬宾，加店里微信 noodle_vip 下单立减，充值1000送300"},
		{"zh", "想找语伴的姐妹加我微信 lily_vip888，晚上寂寞可以视频聊哦"},
		{"zh", "读书会的朋友加我V信 book_2025，一起学习"},
		{"zh", "练口语的加我ｖｘ：ｔａｌｋ８８８"},
		{"zh", "社區讀書會，加我 L I N E：readers_tc 帶你投資理財"},
		{"en", "Language exchange group! Add me on WeChat (easy_money_lin), members earn $200/day from home"},
		{"en", "Book club 📚 join us, add me on telegram @bookclub_vip for crypto signals and passive income"},
		{"en", "Lonely tonight? add me on snap: hot_lily22 for private pics"},
		{"en", "Dog adoption day! add me on WeChat: adopt_vip, limited spots, first 10 get a free gift"},
		{"en", "Hiring students for an easy side job, add me on telegram @quick_tasks"},
		{"en", "Chess club? nah, add me on telegram @signals_pro, 500% profit guaranteed"},
		{"en", "Language partner wanted, add me on whatsapp: lily_xx, I also sell replica bags at discount"},
		{"en", "Volunteer at the shelter and win a prize! Claim it now, add me on telegram @prize_desk"},
		{"en", "Hello dear, you are so beautiful, add me on WeChat: kind_heart_md so we can talk"},
		{"zh", "美女你好，我是在上海工作的工程师，想和你交个朋友，加我微信 engineer_sh"},
		{"es", "Intercambio de idiomas, agrégame al WeChat: gana_dinero_ya, gana dinero desde casa"},
		{"es", "Club de lectura y trabajo desde casa sin experiencia, escríbeme por Telegram @lectores_job"},
		{"es", "Agrégame al WeChat: ofertas_bcn, descuento del 70 % en bolsos"},
		{"es", "Busco amigos, agrégame al Telegram @lili_caliente 😈"},
		{"pt", "Grupo de corrida, me adiciona no WeChat: renda_extra e ganhe dinheiro em casa"},
		{"pt", "Clube do livro com renda extra, me chama no telegram @clube_renda"},
		{"pt", "Me adiciona no WeChat: promo_bolsas, desconto de 50 %"},
		{"pt", "Me adiciona no telegram @invest_rapido, investimento com retorno garantido"},
		{"fr", "Club de lecture et argent facile, ajoute-moi sur WeChat : gagner_vite"},
		{"fr", "Ajoute-moi sur telegram @crypto_club, investis 100€ et gagne 1000€"},
		{"fr", "Ajoute-moi sur WeChat : promo_sacs, remise de 60 % sur les sacs"},
		{"fr", "Emploi à domicile sans experience, ajoute-moi sur telegram @boulot_facile"},
		{"de", "Sprachtandem und Nebenjob, füg mich auf WeChat hinzu: nebenjob_sh"},
		{"de", "Füg mich auf telegram hinzu @krypto_gewinn, Geld verdienen von zu Hause"},
		{"de", "Buchclub mit Rabatt auf Taschen, füg mich auf WeChat hinzu: rabatt_taschen"},
		{"de", "Füg mich auf WeChat hinzu: einkommen_jetzt, 300€ am Tag"},
		{"ja", "週末に保護犬の譲渡会！LINE ID: inu_hogo22 に追加で日給3万円の副業も紹介します"},
		{"ja", "読書会メンバー募集！LINE ID: toushi_kai で投資の話もします"},
		{"ja", "交換相手を探しています。LINE ID: kasegu_mei 在宅で稼げます"},
		{"ja", "LINE ID: hogo_vip 限定の無料プレゼントあり"},
		{"ko", "독서 모임 멤버 모집! 카톡 아이디 book_seoul7 추가하시면 주식 리딩방 무료 초대"},
		{"ko", "언어교환 친구 찾아요. 카톡 아이디 money_swap9 부업으로 월 300 수익"},
		{"ko", "등산 모임 카톡 아이디 hike_vip22 선착순 10명 할인"},
		{"ko", "카톡 아이디 coin_club3 코인 투자 수익 보장"},
		// A request and nothing else: no club, shop or carpool says what it is for.
		{"zh", "vx联系"},
		{"zh", "加v：abc12345"},
		{"zh", "wx: abc12345"},
		{"zh", "加我 vx 一起玩"},
		{"zh", "加加加微微微信信信"},
		{"en", "add me on wechat: lily_2025"},
		// Not here but there: the author will not answer on the platform.
		{"en", "hey there, I don't really use this app, add me on snap: rosie.k_21"},
		{"es", "por aquí no contesto, agrégame al WhatsApp: mari_22"},
		{"pt", "aqui não respondo, me adiciona no WhatsApp: bia_sp9"},
		{"fr", "je ne réponds pas ici, ajoute-moi sur snap : lea.vx"},
		{"de", "bin hier selten, schreib mir auf telegram @mia_nrw"},
		{"ja", "ここだとあまり見てないので、LINE ID: hana_0707 に追加してね"},
		{"ja", "こちらのアプリは通知が届かないことがあるので、LINEで繋がれたら嬉しいです！IDはプロフに書いてあります"},
		{"ko", "여기선 답장 못 해요, 카톡 아이디 sora_77 로 연락 주세요"},
		{"zh", "这里不常上，加我微信 qiqi_0303"},
		// Cyrillic letters typed inside the Latin words of the request.
		{"fr", "Club de lecture, соntасtеz-mоi sur WhаtsАрр : lina_pro"},
		// Second-hand in name only: replicas, wholesale and money lures still count.
		{"zh", "闲置高仿包包，1:1 大牌，加我微信 bag_vip88"},
		{"zh", "二手手机回收，日结兼职，加我微信 phone_job9"},
	}
	run := func(name, lang, body string, cn, intl models.Decision) {
		t.Run(name, func(t *testing.T) {
			n := moderateBody(t, s, body)
			if got := n.Moderation.Markets; got["cn"] != cn || got["intl"] != intl {
				t.Errorf("%s %q: cn %s intl %s, want %s %s; labels %+v", lang, body, got["cn"], got["intl"], cn, intl, n.Moderation.Labels)
			}
		})
	}
	for i, c := range miss {
		run(fmt.Sprintf("a plain %s handle is reviewed in cn and allowed in intl %d", c.lang, i), c.lang, c.body, models.DecisionReview, models.DecisionAllow)
	}
	for i, c := range hit {
		run(fmt.Sprintf("a %s handle with a sign of spam blocks in cn %d", c.lang, i), c.lang, c.body, models.DecisionBlock, models.DecisionReview)
	}
}

func TestDisguisedContact(t *testing.T) {
	t.Parallel()
	for ev, want := range map[string]bool{
		"加我微信 lily_2025": false, "加我LINE：readers_tc": false, "add me on WeChat": false,
		"加我 L I N E": true, "加 微 信": true, "加V信 abc123": true, "➕我绿泡泡 meimei": true,
		"💚：lvbag2025": true, "加我ｖｘ：ｔａｌｋ": true, "+v lily": true, "WhatsApp +34 600 111 222": false,
		"加加加微微微信信信": true, "加加微微信信": true, "看看我的微信 lily": false,
		"contactez-moi sur WhаtsАрр": true, "Привет, add me on WeChat": false,
	} {
		if got := disguisedContact(ev); got != want {
			t.Errorf("disguisedContact(%q) = %v, want %v", ev, got, want)
		}
	}
}

// A person selling their own used things names a price and a sale as any
// seller does (闲置，九成新，300元，自提; "barely used, $60, local pickup"):
// with a plain handle the note is reviewed in cn and allowed in intl. The
// same listing beside a trade's words (高仿, wholesale), a deposit asked
// first, a job or an investment lure still blocks in cn and is reviewed in
// intl.
func TestUsedGoodsSaleWithAPlainHandleIsReviewedInCNOnly(t *testing.T) {
	t.Parallel()
	s := newTestStage(t)
	miss := []string{
		"闲置一台九成新的咖啡机，300元，浦东自提，要的加我微信 coffee_pd21",
		"二手吉他转让，自用两年，600，成都面交，微信 guitar_cd88",
		"搬家出清：二手書櫃一個，500元，台中自取，加LINE：shelf_tc5",
		"Selling my daughter's old bike, barely used, $60, local pickup only. Add me on WeChat: bike_mom_sh",
		"Moving sale! Second-hand desk and chair, 400 RMB for both, pickup in Jing'an. WeChat: move_out_jan",
		"Vendo cochecito de segunda mano, poco uso, 90€, recogida en Madrid. Agrégame al WeChat: cochecito_md",
		"Vendo bicicleta usada, seminova, R$ 400, retirada em Santos. Me adiciona no WeChat: bike_santos",
		"Je vends ma poussette d'occasion, très bon état, 70€, à récupérer à Nantes. Ajoute-moi sur WeChat : poussette_nt",
		"Verkaufe gebrauchten Schreibtisch, guter Zustand, 40€, nur Abholung. Füg mich auf WeChat hinzu: tisch_sh",
		"引っ越しのためソファ譲ります。美品、8000円、横浜で手渡し。LINE ID: sofa_yk9",
		"중고 유모차 팝니다. 사용감 적어요, 5만원, 분당 직거래. 카톡 아이디 stroller_bd",
	}
	hit := []string{
		"闲置转让名牌包，高仿1:1，九成新，加微信 bag_vip77",
		"二手手机便宜出，九成新，先付定金再发货，加微信 phone_dj8",
		"闲置出，同城自提也行，顺便招兼职宝妈日结，加微信 job_mama2",
		"Second-hand iPhones wholesale, like new, add me on WeChat: phones_bulk",
		"Selling my used laptop, barely used, $200, and earn $300/day from home, add me on telegram @easy_cash",
		"Vendo móvil de segunda mano y trabajo desde casa sin experiencia, agrégame al WeChat: movil_job",
		"Vendo bolsa usada, réplica de grife, me adiciona no WeChat: bolsa_rep",
		"Vélo d'occasion à 50€, et gagnez 300€ par jour, ajoute-moi sur WeChat : velo_gain",
		"Gebrauchte Handys im Angebot, 50 % Rabatt, füg mich auf WeChat hinzu: handy_rabatt",
		"中古ブランドバッグ譲ります、在宅で稼げる副業も紹介、LINE ID: bag_fukugyo",
		"중고 노트북 팝니다, 코인 투자 수익 보장 정보도 드려요. 카톡 아이디 note_coin",
	}
	run := func(name, body string, cn, intl models.Decision) {
		t.Run(name, func(t *testing.T) {
			n := moderateBody(t, s, body)
			if got := n.Moderation.Markets; got["cn"] != cn || got["intl"] != intl {
				t.Errorf("%q: cn %s intl %s, want %s %s; labels %+v", body, got["cn"], got["intl"], cn, intl, n.Moderation.Labels)
			}
		})
	}
	for i, body := range miss {
		run(fmt.Sprintf("a used-goods sale with a plain handle is reviewed in cn %d", i), body, models.DecisionReview, models.DecisionAllow)
	}
	for i, body := range hit {
		run(fmt.Sprintf("a used-goods sale with a sign of spam blocks in cn %d", i), body, models.DecisionBlock, models.DecisionReview)
	}
}
