from bench.guild.run import main

main()
