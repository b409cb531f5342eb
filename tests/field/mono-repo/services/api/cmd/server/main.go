package main

import (
	"context"
	"log"
	"os"

	"github.com/harbor-logistics/harbor/services/api/internal/httpserver"
	"github.com/harbor-logistics/harbor/services/api/internal/platform/db"
)

func main() {
	ctx := context.Background()
	pool, err := db.Connect(ctx, os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatalf("connect: %v", err)
	}
	defer pool.Close()

	e := httpserver.New(pool)
	log.Fatal(e.Start(":8080"))
}
