package translate_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/translate"
)

// The cedict-gloss provider glosses Chinese into English and English into
// Chinese word by word, keeping what it does not know.
func ExampleCedictGloss() {
	g, err := translate.NewCedictGloss()
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	en, _ := g.Translate(ctx, "zh", "en", []string{"火锅推荐", "欢迎TikTok难民！"})
	zh, _ := g.Translate(ctx, "en", "zh", []string{"My cat loves eating dumplings"})
	_, err = g.Translate(ctx, "fr", "zh", []string{"bonjour"})
	fmt.Println(en[0])
	fmt.Println(en[1])
	fmt.Println(zh[0])
	fmt.Println(errors.Is(err, translate.ErrUnsupportedPair))
	// Output:
	// hotpot recommend
	// welcome TikTok refugee!
	// 我的猫爱吃饺子
	// true
}

// The stage records a translation, or why there is none, on every note.
func ExampleStage_Process() {
	g, err := translate.NewCedictGloss()
	if err != nil {
		fmt.Println(err)
		return
	}
	stage, err := translate.New(translate.Config{}, []translate.Provider{g}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	zh := &models.Note{Language: models.Language{Code: "zh"}}
	zh.Title = "火锅推荐"
	fr := &models.Note{Language: models.Language{Code: "fr"}}
	fr.Body = "bonjour à tous"
	if err := stage.Process(context.Background(), []*models.Note{zh, fr}); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%+v\n", zh.Translations["en"])
	fmt.Printf("%+v\n", fr.Translations["zh"])
	// Output:
	// {Title:hotpot recommend Body: Provider:cedict-gloss Status:ok Error:}
	// {Title: Body: Provider: Status:skipped Error:no provider for fr→zh}
}
