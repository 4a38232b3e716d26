package moderate

// Safety advice. A note that tells readers what to do about abuse (report
// it, block, screenshot, don't engage) or tells that its author did so
// quotes the abuse it is about ("calling them 'fat pigs'… screenshot, report
// and block"), and the classifiers read the quotation, not the advice: the
// English intent model gave such a warning violence 0.83 (round 24, U1). In
// a field that gives such advice, a classifier finding of violence or
// harassment is capped like reported speech; the rules still read a threat
// the author makes, and a quoted threat stays the rules' to judge.

// safetyAdvice are the words of such advice (folded; Latin terms whole words).
var safetyAdvice = newTermSet(foldTerms([]string{
	"report and block", "block and report", "reported it", "reported them", "reported the account", "screenshot, report",
	"screenshot and report", "screenshot it", "block and move on", "don't engage", "dont engage", "do not engage",
	"denuncia y bloquea", "bloquea y denuncia", "lo reporté", "lo denuncié", "hice capturas", "no respondas",
	"denuncia e bloqueia", "bloqueia e denuncia", "denunciei", "printei e denunciei", "não responda",
	"signalez et bloquez", "bloquez et signalez", "j'ai signalé", "ne répondez pas",
	"melden und blockieren", "blockieren und melden", "habe es gemeldet", "nicht antworten",
	"举报并拉黑", "拉黑举报", "已经举报", "已举报", "截图举报", "不要回应",
	// Round 29: personal-safety advice after someone was followed or attacked ("PSA for women who lift: vary your
	// route… the police are on it", 提醒女生们…已经报警).
	"psa", "vary your route", "park under lights", "park in well-lit", "walk in pairs", "share your location",
	"the police are on it", "police are on it", "已经报警", "注意安全", "下班路线别", "tengan cuidado", "varíen la ruta",
	"fiquem atentas", "mudem o caminho", "faites attention à vous", "changez de trajet", "passt auf euch auf",
	// A street warned of ("Cuidado no bairro da Lapa à noite, esfaquearam um rapaz na semana passada").
	"cuidado no bairro", "cuidado na rua", "cuidado con la calle", "cuidado en la calle", "cuidado por la zona", "evitem a rua",
	"eviten la calle", "attention rue", "attention dans le quartier", "vorsicht im park", "vorsicht in der", "be careful around",
	"avoid the underpass", "walk the long way",
	// Round 41: road safety after a crash seen on video ("the dashcam angle made my heart stop. Wear your seatbelts").
	"wear your seatbelt", "wear your seatbelts", "buckle up", "drive safe", "drive safely", "系好安全带", "系安全带", "请系好",
	"シートベルト", "안전벨트", "ponte el cinturón", "usen el cinturón", "usen cinturón", "usem o cinto", "usem cinto",
	"coloquem o cinto", "attachez votre ceinture", "mettez votre ceinture", "mettez la ceinture", "schnallt euch an",
	"anschnallen",
	// Round 49 (F111): road rage answered with advice ("Dashcam tip: if someone brake-checks you, don't chase them. Get
	// home, kill the engine, upload the footage to the police portal").
	"dashcam tip", "don't chase them", "dont chase them", "don't follow them", "upload the footage", "send the footage",
	"let the police handle", "let them handle it", "行车记录仪", "不要追", "ドラレコ", "블랙박스 영상", "no los persigas", "não persiga",
	"ne les poursuivez pas", "nicht hinterherfahren",
	// Round 36: help asked for a friend at risk or for oneself harassed ("Como ajudar um amigo que parou de comer…
	// Ele tá com depressão", "¿Cómo se reporta a alguien que te acosa por privado?"), which the Spanish-Portuguese
	// intent model read as violence.
	"how do i help", "how can i help", "how to help", "how do i report", "how to report",
	"cómo ayudo", "cómo ayudar", "como ayudar", "cómo puedo ayudar", "cómo se reporta", "como se reporta", "cómo denuncio",
	"como ajudar", "como posso ajudar", "como eu ajudo", "como denunciar", "como denuncio",
	"comment aider", "comment l'aider", "comment signaler", "wie helfe ich", "wie kann ich helfen", "wie melde ich",
	"怎么帮", "如何帮助", "怎么举报", "如何举报", "どう助け", "どうやって通報", "어떻게 도와", "어떻게 신고",
	// Round 38: a teacher's advice to parents on bullying ("Teacher here (6th grade)… If your kid goes quiet
	// about school, ask who they sit with at lunch"), which the English intent model read as a threat to a child
	// (violence 0.95).
	"teacher here", "as a teacher", "school counselor here", "as a school counselor", "talk to your kids", "talk to your child",
	"ask your kid", "ask your child", "signs of bullying", "作为老师", "身为老师", "como profesora", "como profesor",
	"como professora", "como professor", "en tant que prof", "en tant qu'enseignant", "en tant qu'enseignante", "als lehrerin",
	"als lehrer", "教師として", "교사로서",
}))

// safetyAdviceFrame reports whether the field gives or tells of such advice.
func safetyAdviceFrame(t *Text) bool {
	return safetyAdvice.anyTerm(t.Folded.String())
}
