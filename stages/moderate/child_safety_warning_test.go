package moderate

import (
	"testing"

	"github.com/notegate/notegate/models"
)

// Parents warning other parents of a groomer's ways, in any language, are
// not blocked for naming the signs; the groomer's own messages, and a
// sale that borrows a warning's words, still are.
func TestChildSafetyWarningsAreNotGrooming(t *testing.T) {
	s := newTestStage(t)
	wantAllowed(t, s, "a parents' warning is allowed", []string{
		"PSA for parents of tweens: a \"friend\" my 11yo met in a Roblox lobby started with compliments, then gifted her Robux, then asked her to move to a private chat app and \"keep it our secret because your mom wouldn't get it.\" That secrecy ask is the giant red flag. We saved the chats, reported the account and filed a report with the NCMEC CyberTipline.",
		"求助各位家长：儿子10岁，最近玩游戏认识了一个“大哥哥”，总给他送皮肤，还让他加私人QQ、拍自己房间的照片，说“别告诉你爸妈”。我看了聊天记录吓出一身冷汗，已经报警并保存了证据。",
		"Parents, parlons de « sextorsion ». Des escrocs se font passer pour une ado sur Insta, obtiennent une photo intime d'un garçon puis exigent de l'argent. Il faut dire à nos enfants : ne payez jamais, parlez à un adulte, et appelez le 3018.",
		`my 12 yo got a DM asking for pics "as our secret". reported and blocked, talked to her about it`,
		"아이 휴대폰에 자녀보호 앱 깔았어요. 모르는 사람이 '선물 줄게, 사진 보내줘' 하면 바로 엄마한테 말하기로 약속했어요. 혼나지 않는다고도 꼭 말해줬어요.",
		"寫給家長：孩子在線上遊戲認識的『朋友』如果說要私下加LINE、要傳照片，請教孩子第一時間告訴大人，不用怕被罵。",
		"Eltern aufgepasst: Cybergrooming passiert oft in Spielen. Ein Fremder hat meinem 10-Jährigen geschrieben 'Du bist so reif, schick mir ein Foto, aber sag es nicht deinen Eltern'. Wir haben alles gesichert und angezeigt. Redet mit euren Kindern über Geheimnisse.",
		"小学生の保護者の方へ：オンラインゲームで知らない大人から「何歳？」「写真送って」「親には内緒ね」と言われたら、すぐ画面を閉じて大人に言うように家で話し合いました。",
		"Sou professora e preciso falar com os pais sobre segurança na internet. Essa semana descobrimos que alunos de dez anos estavam num grupo de jogo onde um adulto pedia fotos em troca de moedas virtuais. Conversem com seus filhos e denunciem à polícia.",
	}, "cn", "intl")
	wantDecision(t, s, "a groomer's message is blocked", []string{
		"ur 12? so mature for your age. add me on snap, don't tell your parents 🤫",
		"你几岁了？10岁？加我私人QQ，拍几张你房间的照片给我，别告诉你爸妈，我送你皮肤",
		"trading pics of my 12 yo, dm for price",
		"몇 살이야? 선물 줄게, 사진 보내줘. 엄마한테 말하면 안 돼",
		"何歳？写真送って、親には内緒ね。大人に言うのはなしだよ",
	}, models.DecisionBlock, "intl")
}

// Parents asking about sex education name the lexicon's words to teach;
// the same word in an offer still counts.
func TestSexEducationQuestionsAreNotSexualContent(t *testing.T) {
	s := newTestStage(t)
	wantAllowed(t, s, "a parents' sex-education question", []string{
		"Frage an die Eltern hier: Ab welchem Alter habt ihr mit euren Kindern über Sex, Verhütung und Pornos gesprochen? Unsere Kinderärztin hat uns ein Aufklärungsbuch empfohlen",
		"our school held an assembly about not sharing nudes, they said it's a crime even if you're a teen",
		"Saw the Venus de Milo at the Louvre today and just stood there for 20 minutes. Classical nudes hit different in person.",
		"Soy policía local y doy charlas en institutos sobre el sexting y la sextorsión. Padres: si vuestro hijo os cuenta algo así, respirad hondo.",
		"Pais de adolescentes: como vocês conversam sobre nudes com os filhos? Quero explicar que nunca se manda foto íntima e que, se alguém pedir, a gente denuncia junto.",
	}, "cn", "intl")
	wantStopped(t, s, "nudes sold beside a gallery still count", []string{
		"selling nudes, gallery of 50 pics, $10 each, dm me",
	}, "cn")
	wantStopped(t, s, "nudes sold to students still count", []string{
		"selling nudes to students, $10 a pic, dm me",
	}, "cn")
	wantStopped(t, s, "porn offered still counts", []string{
		"Pornos gratis, Link in Bio 🔞",
	}, "cn")
}
