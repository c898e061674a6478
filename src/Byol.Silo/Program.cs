System.Console.WriteLine("silo");
