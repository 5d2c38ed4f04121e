from lvost.cli import run

run()
