return Director.Host.DirectorCli.Run(args);
