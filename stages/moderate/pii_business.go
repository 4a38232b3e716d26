package moderate

import (
	"slices"
	"strings"

	"github.com/notegate/notegate/models"
)

// A shop's, a restaurant's or a clinic's number, given so that customers
// can call, book or order ("Call the store on (503) 555-0148 to reserve",
// 到店自提 电话预约, "reservas al 612 345 678"), is how people find a
// business, not a person's data published. US numbers, and the mobiles of
// small businesses everywhere, look the same as a person's, so the number
// cannot tell; the field does. In a field that names a business and what
// its customers do with the number, and says nothing of a person's own
// contact (call me, text me, my number) or of bait (lonely, babe, money to
// be made), a phone finding informs (scoreBusinessPhone) instead of reviewing
// in intl. So does the number of a lost-pet notice, there for whoever sees
// the animal, even when the owner says it is theirs ("appelez-moi au 07 …,
// c'est mon numéro"), unless it baits. The contact detector still sees the
// number, and in such a field its phone finding informs too (capBusinessPhone):
// calling a bakery about a cake or the owner of a lost cat is how people
// use a listing, not a move off the platform, and cn allows it. Messenger
// and social handles (a LINE id, an Instagram account) are a move off the
// platform whoever gives them: cn still reviews those (contact_plain.go).

// scoreBusinessPhone is below every market's review threshold of pii.
const scoreBusinessPhone = 0.4

var (
	// businessPlaces name a business (folded: lower case, Simplified).
	businessPlaces = newTermSet(foldTerms([]string{
		"store", "shop", "bakery", "restaurant", "cafe", "café", "salon", "clinic", "office", "pharmacy", "boutique", "studio",
		"our team", "front desk", "reception", "gallery", "museum", "library", "hotel", "hostel", "garage", "florist",
		"门店", "店铺", "本店", "小店", "餐厅", "饭店", "咖啡店", "面包店", "花店", "诊所", "前台", "工作室", "药店", "民宿", "酒店",
		"tienda", "restaurante", "panadería", "panaderia", "peluquería", "peluqueria", "clínica", "clinica", "farmacia", "consultorio",
		"loja", "padaria", "salão", "consultório", "lanchonete",
		"magasin", "boulangerie", "cabinet", "pharmacie", "salon de coiffure",
		"laden", "geschäft", "bäckerei", "praxis", "apotheke", "friseur",
		// German compounds and Austrian inns (round 24: Zahnarztpraxis, Gasthof).
		"zahnarztpraxis", "arztpraxis", "tierarztpraxis", "gasthof", "gasthaus", "wirtshaus", "konditorei", "heuriger", "beisl",
		"店舗", "お店", "当店", "レストラン", "カフェ", "クリニック", "サロン", "薬局", "ラーメン屋", "パン屋", "居酒屋", "定食屋",
		"寿司屋", "蕎麦屋", "食堂",
		"가게", "매장", "식당", "카페", "병원", "미용실", "약국", "저희 가게", "저희 매장",
		// A shop's own account says so (round 15: "official acct for Rosie's Donuts").
		"official account", "official acct", "cuenta oficial", "conta oficial", "compte officiel", "offizieller account",
		"官方账号", "官方号", "公式アカウント", "공식 계정", "donuts", "arepera", "pizzeria", "taquería", "taqueria",
		"offiziellen account", "unserem offiziellen", "官方ig", "店家", "咖啡馆", "咖啡厅",
		// Round 49 (N85): a food bank or a charity giving its own hours and line (【公式】NPO法人…フードバンク…お問い合わせ).
		"food bank", "foodbank", "banco de alimentos", "banque alimentaire", "tafel", "食物银行", "フードバンク", "푸드뱅크", "npo法人",
		"社团法人", "财团法人", "公益社団法人", "認定npo", "charity shop",
		// Round 49 (N89): a care home's own account ("【官方账号】康宁护理院 … 咨询电话 … 参观时间").
		"护理院", "养老院", "疗养院", "敬老院", "老人院", "介護施設", "老人ホーム", "デイサービス", "요양원", "요양병원",
		"nursing home", "care home", "residencia de mayores", "casa de repouso", "maison de retraite", "ehpad", "pflegeheim", "altenheim",
		// Round 48 (N80): a tradesman a customer recommends, with his work hours ("Fontanero de confianza en
		// Chamberí: Javier, 600 000 123, de lunes a viernes", 推荐个靠谱水电师傅…收费合理).
		"plumber", "electrician", "handyman", "locksmith", "fontanero", "electricista", "cerrajero", "encanador", "eletricista",
		"chaveiro", "plombier", "électricien", "electricien", "serrurier", "klempner", "installateur", "elektriker", "schlüsseldienst",
		"水电师傅", "水电工", "电工师傅", "修锁师傅", "开锁师傅", "水道屋", "電気屋", "鍵屋", "배관공", "전기기사", "수리기사", "열쇠",
		// Round 48 (F94): a bar's own page ("our signature cocktail … Happy hour 6-8pm, official IG @tasca_azul").
		"official ig", "official instagram", "official insta", "official page", "happy hour", "bartender here", "our bar",
		"cocktail bar", "酒吧", "本酒吧",
		// Round 30: a building's office (小区物业电话是…，有问题可以打这个).
		"物业", "居委会", "管理处", "管理事務所", "管理室", "관리사무소", "conserjería", "conserjeria", "portería", "porteria",
		"síndico", "portaria", "syndic", "gardien", "hausverwaltung", "hausmeister", "property management", "leasing office",
		// Round 40 (N31): an employer's job ad ("Hiring: line cook … Apply in person or call (718) 555-0142").
		"hiring", "now hiring", "we're hiring", "we are hiring", "job opening", "招聘", "诚聘", "急聘", "スタッフ募集",
		"アルバイト募集", "직원 모집", "구인", "se busca", "contratamos", "estamos contratando", "vaga de emprego",
		"estamos contratando", "on recrute", "nous recrutons", "wir stellen ein", "stellenangebot",
	}))
	// businessUses say what customers do with the number.
	businessUses = newTermSet(foldTerms([]string{
		"reserve", "reservation", "reservations", "to book", "book on", "book via", "book through", "book your", "book a", "bookings",
		"booking", "appointment", "appointments", "order",
		"orders", "pickup", "pick up", "opening hours", "open daily", "we open", "we close", "open from", "hours", "delivery",
		"pre-order", "pre-orders", "preorder", "preorders", "abrimos", "abierto de",
		// Round 54 (N153): a Montreal bakery's days ("Ouvert de 7 h à 18 h, fermé le lundi"), in every language.
		"ouvert de", "ouvert du", "ouvert tous les jours", "fermé le", "closed on", "closed mondays", "closed sundays",
		"cerrado los", "aberto das", "aberto de", "fechado aos", "ruhetag", "定休日", "휴무",
		"call us", "call the store", "call the shop", "call ahead",
		// Round 48 (N80): a tradesman's hours and fair price, as a client recommends him.
		"de lunes a viernes", "seg a sáb", "seg a sab", "seg a sex", "preço justo", "preco justo", "收费合理", "不乱加价", "价格公道",
		"fair price", "fair prices", "reasonable rates", "mon-fri", "lun-ven", "mo-fr", "平日",
		// Round 47 (N69): a legal clinic's free consults and walk-ins.
		"consult", "consults", "consultation", "consultations", "free consult", "walk-ins", "walk-in", "walk ins",
		// Days open and the shop's own line (round 16: "Open Tue–Sun 7am–3pm. Shop phone …").
		"open mon", "open tue", "open wed", "open thu", "open fri", "open sat", "open sun", "open every day", "open 7 days",
		"shop phone", "store phone", "come say hi", "visit us", "stop by",
		"预约", "预订", "订位", "订餐", "外卖", "自提", "营业时间", "营业", "到店", "电话订", "送货",
		// Round 46 (F80): a shop's clearance (门店跑鞋清仓全场五折…门店地址见主页).
		"清仓", "全场", "打折", "促销", "特价",
		// Hong Kong and Taiwan (round 23): 查詢 (enquiries), 訂枱, 報名, and a
		// listing's days (逢星期二四晚, 星期一至六, 週一公休).
		"查询", "订枱", "订台", "报名", "招生", "逢星期", "星期一至", "周一至", "公休",
		"reservas", "reservar", "pedidos", "horario", "a domicilio", "cita", "citas", "llámanos", "llamanos",
		"encomendas", "horário", "agendamento", "agende", "agendar", "ligue para",
		"réservation", "réservations", "réserver", "commandes", "horaires", "rendez-vous", "appelez-nous",
		"reservierung", "reservieren", "bestellungen", "öffnungszeiten", "termin", "termine", "ruft uns an", "rufen sie uns an", "geöffnet",
		"予約", "営業時間", "ご注文", "お問い合わせ", "テイクアウト", "配達",
		// Round 49 (N89): visiting hours.
		"参观时间", "探视时间", "探望时间", "面会時間", "면회 시간", "visiting hours", "horario de visitas", "horário de visita",
		"heures de visite", "besuchszeiten",
		"예약", "영업시간", "주문", "문의", "배달", "포장",
		// Lessons and viewings are booked too, and a flat to let is shown.
		"for rent", "to let", "出租", "招租", "整租", "合租", "se alquila", "alquilo", "alugo", "aluga-se", "à louer", "a louer",
		"zu vermieten", "賃貸", "월세", "전세",
		"lessons", "tutoring", "private classes", "viewing", "viewings", "clases particulares", "clases de", "aulas particulares",
		"aulas de", "cours particuliers", "première séance", "premiere seance", "nachhilfe", "besichtigung", "家教", "补习", "课程", "试听", "看房", "レッスン", "体験",
		"과외", "수업", "상담",
		// Round 30: a building office's line for residents' questions.
		"有问题可以打", "有事可以打", "有问题打", "如有问题", "for any questions", "if you have any questions", "para dudas",
		"em caso de dúvidas", "en cas de question", "bei fragen", "何かあれば", "문의사항",
		// Round 40: applying for the job.
		"apply in person", "to apply", "apply at", "send your cv", "send your resume", "应聘", "面试", "応募", "지원 문의",
		"envía tu cv", "manda tu cv", "envie seu currículo", "envoyez votre cv", "bewerbung",
	}))
	// contactLabels introduce a number the author gives to be reached on:
	// "预约电话", "WhatsApp:", "LINE ID", "Tel.", "Agende pelo WhatsApp".
	contactLabels = newTermSet(foldTerms([]string{
		"tel", "tel.", "tél", "phone", "call", "text", "whatsapp", "line", "line id", "kakao", "kakaotalk", "telegram",
		"电话", "手机", "微信同号", "联系", "咨询", "热线", "来电", "電話", "お電話", "ご連絡", "连络",
		"카톡", "카카오톡", "연락처", "문의", "전화",
		"llama", "llamar", "llámanos", "contacto", "ligue", "liga", "contato", "chama no", "appelez", "appeler", "contact",
		"anrufen", "kontakt", "telefon", "agende", "agendar", "reservas", "citas", "falar com", "fale com", "hablar con",
		"preguntar por", "demander", "sprechen mit", "falem com",
		// Round 24: where orders are taken ("Pedidos al 55 5123 0199").
		"pedidos", "pedidos al", "encargos", "commandes au", "bestellungen unter", "encomendas pelo",
	}))
	// thirdParty are the words that make a number someone else's: a
	// person pointed at (her, 他的, こいつ), or where they live.
	thirdParty = foldTerms([]string{
		"her", "his", "she", "he", "him", "their", "they", "'s number", "'s phone", "'s cell", "lives at", "lives in", "lives on",
		"他的", "她的", "他家", "她家", "他住", "她住", "此人", "这个人", "这人", "那个人", "这个男", "这个女", "这女的", "这男的",
		"渣男", "小三", "住在", "家住", "住址",
		"su número", "su numero", "su teléfono", "su telefono", "su móvil", "su movil", "ella",
		// "él" folds to "el", the article of every Spanish note: only after a preposition.
		"a él", "de él", "con él", "vive en",
		"dele", "dela", "ele", "ela", "mora na", "mora no", "mora em",
		"son numéro", "son numero", "son portable", "son tel", "elle", "habite",
		"ihre nummer", "seine nummer", "ihr handy", "sein handy", "wohnt",
		"彼の", "彼女の", "こいつ", "あいつ", "この人", "住所", "住んで",
		"그의", "그녀의", "이 사람", "이놈", "이년", "걔", "사는 곳", "주소",
	})
	// ownContact is the author's own contact: a business's number is then
	// a person's, though a lost pet's owner gives theirs as they should.
	ownContact = newTermSet(foldTerms([]string{
		"call me", "text me", "me at", "my number", "my cell", "my phone", "whatsapp me", "hit me up",
		"加我", "打给我", "我的电话", "我的手机",
		"llámame", "llamame", "escríbeme", "escribeme", "mi número", "mi numero",
		"me liga", "me chama", "meu número", "meu numero",
		"appelle-moi", "appelez-moi", "mon numéro", "mon numero",
		"ruf mich an", "meine nummer", "schreib mir",
		"私の番号", "電話して",
		"내 번호", "전화해", "연락해",
	}))
	// lures are bait: loneliness, a date tonight, money to be made.
	lures = newTermSet(foldTerms([]string{
		// "baby" said to the reader, not a baby shop's name (round 49, N87: "Little Nest Baby Gear … Store phone").
		"lonely", "babe", "hey baby", "hi baby", "call me baby", "text me baby", "dear",
		"earn", "profit", "investment", "income", "per day", "a day from home", "free money", "hookup", "hook up", "tonight",
		"寂寞", "日赚", "日结", "兼职", "赚钱", "投资", "返利",
		"gana", "ganar", "ganhe", "renda extra", "gagnez", "gagner", "verdienen",
		"稼げ", "副業", "부업", "수익",
	}))
)

// businessNumber reports whether the folded field gives a number as a
// business's, for its customers, or as the owner's of a lost pet or thing,
// for whoever finds it (see the file comment and lostAndFound).
func businessNumber(s string) bool {
	if lures.anyWord(s) {
		return false
	}
	if lostNotice(s) {
		return true // the owner's own number, for whoever finds the animal
	}
	if !containsWordAny(s, thirdParty) && numberChanged.anyTerm(s) {
		return true // the author's or a shop's own new number, for those who had the old one
	}
	if !containsWordAny(s, thirdParty) && (secondHand.anyTerm(s) && (handover.anyTerm(s) || ownContact.anyWord(s)) ||
		openEvents.anyTerm(s) && contactLabels.anyWord(s)) {
		return true // the seller's or the organiser's own number
	}
	if proNumber.anyTerm(s) {
		// A professional's work line, theirs or passed on by a client (round
		// 31: "si vous voulez réserver chez la photographe, son numéro pro
		// c'est le …"); a call to go after them makes it doxxing all the same.
		return true
	}
	if ownContact.anyWord(s) {
		return false
	}
	// Kana glue a shop's name to the words around it (天満のラーメン屋「…」):
	// places match inside words outside Latin script.
	return businessPlaces.anyTerm(s) && businessUses.anyWord(s) ||
		businessUses.anyWord(s) && contactLabels.anyWord(s) && !containsWordAny(s, thirdParty)
}

// lostNotice reports whether the folded field is a lost-and-found notice,
// a pet's or a thing's. Korean and Japanese stems (잃어버, 迷子) match inside
// their words.
func lostNotice(s string) bool {
	return lostAndFound.anyTerm(s) || (petWords.anyTerm(s) || petMarks.anyTerm(s)) && gone.anyTerm(s)
}

// numberChanged announce one's own number changed (round 30: "New number
// everyone! … please save this one", 我换号了，新号码…大家存一下, "Die Praxis hat
// eine neue Telefonnummer"): the number is for those who had the old one.
// A third person named (her new number) or bait still make it a person's
// data or spam.
var numberChanged = newTermSet(foldTerms([]string{
	"new number", "my new number", "new phone number", "new cell number", "changed my number", "number has changed", "number changed",
	"nuevo número", "nuevo numero", "mi número nuevo", "número nuevo", "cambié de número", "cambie de numero", "nuevo teléfono",
	"número novo", "numero novo", "meu número novo", "troquei de número", "troquei de numero", "novo telefone",
	"nouveau numéro", "nouveau numero", "j'ai changé de numéro", "numéro a changé", "numero a change",
	"neue nummer", "neue handynummer", "neue telefonnummer", "nummer geändert", "nummer hat sich geändert",
	"新号码", "换号了", "换了号", "换号码", "电话改了", "号码改了", "新しい電話番号", "番号が変わ", "番号変え", "新しい番号",
	"번호 바꿨", "번호 변경", "새 번호", "번호가 바뀌",
}))

// secondHand, handover, openEvents and proNumber give a person's own
// number as a listing does (round 22's pii and spam sets): a thing of
// their own for sale, handed over in person ("Vendo bici… mi número es…
// Entrega en mano", "Verkaufe Kinderwagen… anrufen… Abholung", 出清…限自取…
// 打我手機); an open event's organiser ("참가비 없음… 주최자 연락처",
// "Roda de samba gratuita… falem com a produção pelo"); a tutor's or a
// trade's professional line ("mon numéro pro"). A third person named, or
// bait, still make the number a person's (see businessNumber).
var (
	secondHand = newTermSet(foldTerms([]string{
		"for sale", "selling my", "vendo", "se vende", "vendo meu", "vendo minha", "je vends", "à vendre", "a vendre", "verkaufe",
		"zu verkaufen", "出清", "出售", "转让", "轉讓", "闲置", "放售", "平放", "譲ります", "売ります", "팝니다", "판매합니다", "중고",
		"お譲り", "譲りします",
	}))
	handover = newTermSet(foldTerms([]string{
		"pick up only", "local pickup", "pickup only", "entrega en mano", "en mano", "remise en main propre", "en main propre",
		"em mãos", "retirada", "abholung", "selbstabholung", "nur abholung", "kein versand", "no shipping", "nada de envíos",
		"sin envíos", "pas d'envoi", "限自取", "自取", "面交", "交收", "手渡し", "직거래",
		// Round 25 (N11): 只限朝阳区自提, "Recogida en Valencia centro", 引き取りに来られる方.
		"自提", "recogida", "recoger en", "引き取り", "取りに来", "à récupérer", "a recuperar", "abholen",
	}))
	openEvents = newTermSet(foldTerms([]string{
		"picnic", "meetup", "meet-up", "free entry", "entrada libre", "entrada gratuita", "gratuita", "entrée libre", "eintritt frei",
		"organizer", "organiser", "organisateur", "organisatrice", "veranstalter", "organização", "organización", "a produção",
		"피크닉", "모임", "참가비 없음", "주최자", "免费参加", "主办方", "参加費無料", "主催",
	}))
	proNumber = newTermSet(foldTerms([]string{
		"numéro pro", "numero pro", "número profesional", "numero profissional", "número profissional", "business number",
		"work number", "geschäftsnummer", "dienstnummer", "工作电话", "业务电话",
	}))
)

// A pet (petWords, pet_antics.go, or a pet's collar and coat: petMarks)
// said to be gone is a lost-pet notice in any wording ("PERDIDO: perro
// mestizo… se escapó ayer", "our cat slipped out", 猫跑丢了), besides the
// phrases of lostAndFound.
var (
	// Round 49: a cat named "Muschi" in Graz, known by its collar and coat ("rotes Halsband", "getigert").
	petMarks = newTermSet(foldTerms([]string{
		"halsband", "getigert", "collar", "collier", "collar rojo", "coleira", "项圈", "首輪", "목걸이",
	}))
	gone = newTermSet(foldTerms([]string{
		"lost", "missing", "ran away", "run away", "escaped", "slipped out", "got out", "went missing",
		"perdido", "perdida", "se escapó", "se escapo", "se ha escapado", "desaparecido", "desaparecida", "extraviado", "extraviada",
		"perdeu", "fugiu", "sumiu", "desaparecida",
		"perdu", "perdue", "disparu", "disparue", "s'est échappé", "s'est enfui", "s'est sauvé", "fugué",
		"entlaufen", "vermisst", "weggelaufen", "ausgebüxt", "verschwunden", "abgängig",
		"走丢", "跑丢", "丢了", "走失", "跑出去", "不见了", "迷子", "いなくなり", "脱走", "잃어버", "실종", "집을 나간", "가출",
	}))
)

// ownPet are the author's own animal named as such (my dog, 我家狗狗, うちの猫):
// in a notice about it gone missing, "she lives with me", "住在望京花园" and
// the like speak of the pet's home, the author's own, not of a third person.
var ownPet = newTermSet(foldTerms([]string{
	"my cat", "my dog", "my puppy", "my kitten", "our cat", "our dog", "our puppy", "our kitten",
	"mi gato", "mi gata", "mi perro", "mi perrita", "mi perrito", "mi gatito", "nuestro perro", "nuestro gato",
	"meu gato", "minha gata", "meu cachorro", "minha cachorra", "meu cão", "nosso cachorro", "nosso gato",
	"mon chat", "ma chatte", "mon chien", "ma chienne", "notre chat", "notre chien",
	"meine katze", "mein kater", "mein hund", "unsere katze", "unser kater", "unser hund",
	"我家狗", "我家猫", "我的猫", "我的狗", "我家的猫", "我家的狗", "我家狗狗", "我家猫咪",
	"うちの猫", "うちの犬", "うちの子", "우리 강아지", "우리 고양이", "우리집 강아지", "우리집 고양이",
}))

// residenceWords are the thirdParty words that say where someone lives
// without saying who: in a notice about the author's own pet, the pet.
var residenceWords = foldTerms([]string{
	"lives at", "lives in", "lives on", "住在", "家住", "住址", "vive en", "mora na", "mora no", "mora em", "habite", "wohnt", "住んで", "사는 곳", "주소",
})

// thirdPartyPersons are the thirdParty words that name a person (thirdParty
// without residenceWords).
var thirdPartyPersons = slices.DeleteFunc(slices.Clone(thirdParty), func(w string) bool { return slices.Contains(residenceWords, w) })

// pointsAtSomeone reports whether the folded field names a third person
// other than by where they live.
func pointsAtSomeone(s string) bool { return containsWordAny(s, thirdPartyPersons) }

// lostAndFound name a lost-and-found notice, a pet's or a thing's, whose number
// is there for whoever sees or finds it: 【迷い猫】… 090-… までご連絡,
// "Procura-se gato … chama no (11) …", "Perdí una cartera … si alguien la
// encuentra, llamad al …".
var lostAndFound = newTermSet(foldTerms([]string{
	"if found", "if you find", "if anyone finds", "if you see her", "if you see him", "if you've seen", "finder",
	"si alguien la encuentra", "si alguien lo encuentra", "si alguien la ve", "si alguien lo ve", "perdí una", "perdí un", "perdi una",
	"se me perdió", "se busca", "recompensa", "se perdió mi", "se perdio mi", "si lo ven", "si la ven", "si lo veis", "si la veis",
	"se alguém encontrar", "se alguem encontrar", "se alguém vir", "qualquer notícia", "qualquer noticia", "sumiu", "perdi meu", "perdi minha",
	"si quelqu'un le trouve", "si quelqu'un la trouve", "si vous le voyez", "si vous la voyez", "récompense", "j'ai perdu mon", "j'ai perdu ma",
	"perdu mon", "perdu ma", "perdu mes", "si vous le trouvez", "si vous la trouvez", "si vous les trouvez", "lost my", "if you found",
	"wer ihn findet", "wer sie findet", "wer es findet", "finderlohn", "habe meinen", "verloren",
	// Found, for its owner to claim (round 28: "Schlüsselbund … gefunden, Besitzer bitte melden").
	"gefunden, besitzer", "besitzer bitte melden", "besitzerin bitte melden", "eigentümer bitte melden", "owner please",
	"if they're yours", "if it's yours", "si son tuyas", "si son tuyos", "si es tuyo", "si es tuya", "o dono pode",
	"si c'est à vous", "拾到", "持ち主",
	"捡到", "失物招领", "寻物", "酬谢", "有重谢", "丢了", "遗失", "拾获",
	"落とし物", "見かけた方", "拾った方", "お心当たり",
	"잃어버", "찾습니다", "보신 분", "사례하겠",
	"lost cat", "lost dog", "missing cat", "missing dog", "lost pet", "have you seen",
	"寻猫", "寻狗", "寻宠", "寻找爱猫", "寻找爱犬", "猫走丢", "狗走丢", "走失",
	"se busca gato", "se busca perro", "gato perdido", "perro perdido", "perrito perdido", "gatito perdido",
	"procura-se gato", "procura-se cachorro", "procura-se cão", "cachorro perdido", "cachorro desaparecido", "gato desaparecido",
	"chat perdu", "chien perdu", "chat disparu", "chien disparu",
	"katze vermisst", "hund vermisst", "katze entlaufen", "hund entlaufen", "vermisst wird", "entlaufen",
	"迷い猫", "迷い犬", "迷子の猫", "迷子の犬", "猫を探して", "犬を探して",
	"고양이를 찾습니다", "강아지를 찾습니다", "고양이 찾습니다", "강아지 찾습니다", "실종된 고양이", "잃어버린 고양이", "잃어버린 강아지",
}))

// capBusinessPhone lowers the contact detector's phone findings to
// scoreBusinessPhone in a field that gives the number as a business's or a
// lost pet owner's (businessNumber), when nothing else in the note reads as
// spam, sex or illicit trade. found holds every finding of the note's
// texts; suffix is the findings' source suffix.
func capBusinessPhone(found []fieldFinding, texts []*Text, suffix string) {
	contactSource := "contact" + suffix
	listed := func(f fieldFinding) bool { return f.Rule == "phone" || ownPageRequest(f, texts) }
	phones := false
	for _, f := range found {
		switch {
		case f.source == contactSource && listed(f):
			phones = true
		case f.source == contactSource:
		case (f.Category == models.CategorySpam || f.Category == models.CategorySexual || f.Category == models.CategoryIllicit) &&
			f.Score >= 0.5:
			return
		}
	}
	if !phones {
		return
	}
	for i := range found {
		f := &found[i]
		if f.source != contactSource || !listed(*f) || f.Score <= scoreBusinessPhone {
			continue
		}
		if t := textOf(texts, f.field); t != nil && businessNumber(t.Folded.String()) {
			f.Score = scoreBusinessPhone
		}
	}
}

// ownPageRequest reports whether a contact finding sends readers to the
// author's own page on the platform (地址见主页, 看简介): in a listing,
// that is where the shop's details are, not another app.
func ownPageRequest(f fieldFinding, texts []*Text) bool {
	if f.Rule != "request" {
		return false
	}
	t := textOf(texts, f.field)
	if t == nil || f.Span.Start < 0 || f.Span.End > len(t.Original) {
		return false
	}
	ev := t.Original[f.Span.Start:f.Span.End]
	return strings.Contains(ev, "主页") || strings.Contains(ev, "主頁") || strings.Contains(ev, "简介") || strings.Contains(ev, "簡介")
}
